using System.CommandLine;
using System.Text;
using System.Text.Json;
using HotSpots.Application.Areas;
using HotSpots.Application.Reports;
using HotSpots.Geography;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Configuration;

namespace HotSpots.Cli;

/// <summary><c>hotspots report</c>: the reports for meetings, one subcommand each.</summary>
internal sealed class ReportCommand : Command
{
    public ReportCommand(Tool tool) : base("report", "Draw a report for a meeting from the store or a server")
    {
        Subcommands.Add(new PerformanceReportCommand(tool));
    }
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
    private readonly Option<string> _format = new("--format") { HelpName = "FORMAT", DefaultValueFactory = _ => "csv", Description = "csv or json" };
    private readonly Option<FileInfo?> _out = new("--out") { HelpName = "FILE", Description = "Write the report to this file instead of standard output" };
    private readonly ServerOptions _server;

    public PerformanceReportCommand(Tool tool) : base(tool, "performance", "The board's performance summary: each area and category, this period against the one before")
    {
        _level.AcceptOnlyFromAmong("authority", "locality", "ward");
        _format.AcceptOnlyFromAmong("csv", "json");
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
        var geography = Microsoft.Extensions.Options.Options.Create(Tool.Configuration.GetSection("HotSpots:Geography").Get<GeographyOptions>() ?? new());
        var reports = Microsoft.Extensions.Options.Options.Create(Tool.Configuration.GetSection("HotSpots:Reports").Get<ReportOptions>() ?? new());
        var catalog = new GeographyCatalog(new SqliteOperationStore(store), geography);
        var summaries = new PerformanceSummaryService(store, new LocalityService(new SqliteLocalityStore(store), catalog), catalog, geography, reports, TimeProvider.System);
        PerformanceSummary summary;
        try
        {
            summary = await summaries.SummariseAsync(PerformanceQuery.Parse(to, months, level, locality), cancellationToken);
        }
        catch (ReportInputException ex)
        {
            throw new UsageException($"--{(ex.Parameter == "wardSet" ? "ward-set" : ex.Parameter)}: {ex.Reason}");
        }
        return format == "json" ? JsonSerializer.SerializeToUtf8Bytes(summary, Json) : PerformanceCsv.ToBytes(summary);
    }
}
