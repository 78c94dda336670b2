using System.CommandLine;
using System.Text;
using System.Text.Json;
using HotSpots.Application.Areas;
using HotSpots.Application.Reports;
using HotSpots.Geography;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HotSpots.Cli;

/// <summary><c>hotspots report</c>: the reports for meetings, one subcommand each.</summary>
internal sealed class ReportCommand : Command
{
    public ReportCommand(Tool tool) : base("report", "Draw a report for a meeting from the store or a server")
    {
        Subcommands.Add(new PerformanceReportCommand(tool));
        Subcommands.Add(new LagReportCommand(tool));
    }

    /// <summary>The services a report is drawn with on the store, as the server composes them.</summary>
    internal static (GeographyCatalog Catalog, LocalityService Localities, IOptions<GeographyOptions> Geography, IOptions<ReportOptions> Reports) Compose(Tool tool, SqliteIncidentStore store)
    {
        var geography = Microsoft.Extensions.Options.Options.Create(tool.Configuration.GetSection("HotSpots:Geography").Get<GeographyOptions>() ?? new());
        var reports = Microsoft.Extensions.Options.Options.Create(tool.Configuration.GetSection("HotSpots:Reports").Get<ReportOptions>() ?? new());
        var catalog = new GeographyCatalog(new SqliteOperationStore(store), geography);
        return (catalog, new LocalityService(new SqliteLocalityStore(store), catalog), geography, reports);
    }

    /// <summary>A refused report parameter as the command line names it.</summary>
    internal static UsageException Usage(ReportInputException ex) => new($"--{(ex.Parameter == "wardSet" ? "ward-set" : ex.Parameter)}: {ex.Reason}");
}

/// <summary><c>hotspots report performance --to YYYY-MM</c></summary>
internal sealed class PerformanceReportCommand : ToolCommand
{
    // Relaxed escaping: a report file is read by people, who should see "Thurrock's", not "Thurrock\u0027s".
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Option<string?> _to = new("--to") { HelpName = "YYYY-MM", Description = "The last month of the current period (default: the last complete month)" };
    private readonly Option<string?> _months = new("--months") { HelpName = "N", Description = $"How many months each period has (default {PerformanceQuery.DefaultMonths})" };
    private readonly Option<string?> _level = new("--level") { HelpName = "LEVEL", Description = "authority, locality or ward (default authority)" };
    private readonly Option<string?> _locality = new("--locality") { HelpName = "CODE", Description = "Only this locality's wards (level locality or ward)" };
    private readonly Option<string> _format = new("--format") { HelpName = "FORMAT", DefaultValueFactory = _ => "csv", Description = "csv, html, json or xlsx" };
    private readonly Option<FileInfo?> _out = new("--out") { HelpName = "FILE", Description = "Write the report to this file instead of standard output" };
    private readonly ServerOptions _server;

    public PerformanceReportCommand(Tool tool) : base(tool, "performance", "The board's performance summary: each area and category, this period against the one before")
    {
        _level.AcceptOnlyFromAmong("authority", "locality", "ward");
        _format.AcceptOnlyFromAmong("csv", "html", "json", "xlsx");
        Options.Add(_to);
        Options.Add(_months);
        Options.Add(_level);
        Options.Add(_locality);
        Options.Add(_format);
        Options.Add(_out);
        _server = new ServerOptions(this, "Draw it on a running server...", "...with a viewer key (Bearer)");
    }

    public override string Notes => """
        Periods are whole calendar months (UTC): the current period is --months months ending with --to, the
        previous one the same number of months just before. Only complete months can be reported. police.uk rows
        dated by month alone count in their month; drills and replays never count. CSV: one row per area and
        category or group, columns area_code,area_name,category,previous,current,difference,difference_pct, then
        kind, parent, share, rank, rate and concentration; UTF-8 with a byte order mark in a file (--out).
        """;

    protected override async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var (to, months, level, locality, format) =
            (parsed.GetValue(_to), parsed.GetValue(_months), parsed.GetValue(_level), parsed.GetValue(_locality), parsed.GetValue(_format)!);
        byte[] report;
        using (var server = _server.Connect(parsed))
        {
            report = server is not null
                ? await server.GetPerformanceReportAsync(to, months, level, locality, format, cancellationToken)
                : await DrawAsync(to, months, level, locality, format, cancellationToken);
        }
        if (parsed.GetValue(_out) is { } file)
        {
            await File.WriteAllBytesAsync(file.FullName, report, cancellationToken);
            await Tool.Error.WriteLineAsync($"Wrote {file.FullName}");
        }
        else if (format == "xlsx")
        {
            throw new UsageException("--out: a spreadsheet (xlsx) is written to a file, not to standard output");
        }
        else
        {
            // A terminal or a pipe gets text: the byte order mark is only for Excel opening a file.
            var bom = Encoding.UTF8.Preamble;
            var text = report.AsSpan().StartsWith(bom) ? report.AsSpan(bom.Length) : report;
            await Tool.Output.WriteAsync(Encoding.UTF8.GetString(text));
            if (format == "json") await Tool.Output.WriteLineAsync();
        }
        return ExitCodes.Done;
    }

    private async Task<byte[]> DrawAsync(string? to, string? months, string? level, string? locality, string format, CancellationToken cancellationToken)
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Tool.StoreOptions, TimeProvider.System, cancellationToken);
        var (catalog, localities, geography, reports) = ReportCommand.Compose(Tool, store);
        var summaries = new PerformanceSummaryService(store, localities, catalog, geography, reports, TimeProvider.System);
        PerformanceSummary summary;
        try
        {
            summary = await summaries.SummariseAsync(PerformanceQuery.Parse(to, months, level, locality), cancellationToken);
        }
        catch (ReportInputException ex)
        {
            throw ReportCommand.Usage(ex);
        }
        return format switch
        {
            "json" => JsonSerializer.SerializeToUtf8Bytes(summary, Json),
            "html" => Encoding.UTF8.GetBytes(PerformanceHtml.Render(summary)),
            "xlsx" => ReportWorkbook.Of(summary),
            _ => PerformanceCsv.ToBytes(summary),
        };
    }
}

/// <summary><c>hotspots report lag --locality NAME --out DIR</c></summary>
internal sealed class LagReportCommand : ToolCommand
{
    private readonly Option<string> _locality = new("--locality") { HelpName = "NAME", Required = true, Description = "The locality, by code or name (any case)" };
    private readonly Option<string?> _from = new("--from") { HelpName = "YYYY-MM", Description = "The first month (default: two months ending with --to)" };
    private readonly Option<string?> _to = new("--to") { HelpName = "YYYY-MM", Description = "The last month (default: the last complete month)" };
    private readonly Option<DirectoryInfo> _out = new("--out") { HelpName = "DIR", Required = true, Description = "The folder to write pack.html, pack.pdf and pack.xlsx to" };
    private readonly ServerOptions _server;

    public LagReportCommand(Tool tool) : base(tool, "lag", "A Locality Action Group's agenda pack: HTML, PDF and a spreadsheet")
    {
        Options.Add(_locality);
        Options.Add(_from);
        Options.Add(_to);
        Options.Add(_out);
        _server = new ServerOptions(this, "Draw it on a running server...", "...with a viewer key (Bearer)");
    }

    public override string Notes => """
        The pack covers whole calendar months (UTC), by default the last two complete ones, against the months just
        before and the same months a year earlier: headline counts, wards ranked by heat against their own normal,
        hot streets, 24-month trends, alerts and what was done, operations touching the locality, and what the data
        cannot say. pack.html opens offline and prints on A4; pack.pdf is that page printed by headless Chromium
        (HotSpots:Reports:Chromium, or chromium on the PATH): without one, the HTML and the spreadsheet are written
        and the tool exits 1 saying the PDF is unavailable. On the store, operations are listed without their
        evaluation reading (that needs the server's monitors).
        """;

    protected override async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var (locality, from, to, folder) = (parsed.GetValue(_locality)!, parsed.GetValue(_from), parsed.GetValue(_to), parsed.GetValue(_out)!);
        folder.Create();
        byte[] html, xlsx;
        Func<Task<byte[]>> pdf;
        using var server = _server.Connect(parsed);
        if (server is not null)
        {
            html = await server.GetLagPackAsync(locality, from, to, "html", cancellationToken);
            xlsx = await server.GetLagPackAsync(locality, from, to, "xlsx", cancellationToken);
            pdf = () => server.GetLagPackAsync(locality, from, to, "pdf", cancellationToken);
        }
        else
        {
            await using var store = await SqliteIncidentStore.OpenAsync(Tool.StoreOptions, TimeProvider.System, cancellationToken);
            var (catalog, localities, _, reports) = ReportCommand.Compose(Tool, store);
            var packs = new LagPackService(store, new SqliteAlertStore(store), new SqliteOperationStore(store), localities, catalog, new StoreHotStreets(store), TimeProvider.System);
            LagPack pack;
            try
            {
                pack = await packs.DrawAsync(LagPackQuery.Parse(locality, from, to), cancellationToken);
            }
            catch (ReportInputException ex)
            {
                throw ReportCommand.Usage(ex);
            }
            var page = LagPackHtml.Render(pack);
            (html, xlsx) = (Encoding.UTF8.GetBytes(page), ReportWorkbook.Of(pack));
            var printer = new PdfPrinter(reports);
            pdf = () => printer.PrintAsync(page, cancellationToken);
        }
        await WriteAsync(folder, "pack.html", html, cancellationToken);
        await WriteAsync(folder, "pack.xlsx", xlsx, cancellationToken);
        try
        {
            await WriteAsync(folder, "pack.pdf", await pdf(), cancellationToken);
        }
        catch (Exception ex) when (ex is PdfUnavailableException or ServerException)
        {
            await Tool.Error.WriteLineAsync($"hotspots report lag: pack.pdf not written: {ex.Message}");
            return ExitCodes.Failed;
        }
        return ExitCodes.Done;
    }

    private async Task WriteAsync(DirectoryInfo folder, string name, byte[] content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder.FullName, name);
        await File.WriteAllBytesAsync(path, content, cancellationToken);
        await Tool.Error.WriteLineAsync($"Wrote {path}");
    }
}
