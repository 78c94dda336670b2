using System.CommandLine;
using System.Text;
using System.Text.Json;
using HotSpots.Application.Imports;
using HotSpots.Domain.Incidents;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using Spectre.Console;

namespace HotSpots.Cli;

/// <summary><c>hotspots import police-uk|fire|council FILE...</c></summary>
internal sealed class ImportCommand : ToolCommand
{
    /// <summary>Problems and unmapped labels listed on screen; the --report file has them all.</summary>
    private const int Listed = 20;

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly Argument<string> _format = new("format") { HelpName = "format", Description = "police-uk, fire or council: the files' layout (see Formats below)" };
    private readonly Argument<string[]> _files = new("files") { Arity = ArgumentArity.OneOrMore, Description = "CSV files" };
    private readonly Option<string?> _source = new("--source") { HelpName = "NAME" };
    private readonly Option<string[]> _mappings = new("--mappings") { HelpName = "FILE", Description = "Label tables laid over the shipped mappings.json (repeatable)" };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Validate and report; write nothing (with a store, duplicates are counted)" };
    private readonly Option<string?> _report = new("--report") { HelpName = "FILE", Description = "Write the report as JSON" };
    private readonly ServerOptions _server;

    public ImportCommand(Tool tool) : base(tool, "import", "Import partner files into the store, or into a running server through its API")
    {
        _format.AcceptOnlyFromAmong([.. ImportFormat.All.Select(f => f.Name)]);
        _source.Description = "Source recorded on each row, for formats whose rows do not name it (default: " +
            string.Join(", ", ImportFormat.All.Where(f => f.DefaultSource is not null).Select(f => $"{f.Name} {f.DefaultSource}")) + ")";
        _files.Validators.Add(ValueParsers.NoOptions);
        Arguments.Add(_format);
        Arguments.Add(_files);
        Options.Add(_source);
        Options.Add(_mappings);
        Options.Add(_dryRun);
        Options.Add(_report);
        _server = new ServerOptions(this, "Send to a running server's API instead of the store...", "...with its ingest key");
        Validators.Add(result =>
        {
            if (result.GetValue(_source) is not { } source || ImportFormat.Find(result.GetValue(_format) ?? "") is not { } format) return;
            if (format.DefaultSource is null) result.AddError($"{format.Name} rows name their own source; --source does not apply");
            else if (IncidentRules.CheckSource(source) is { } problem) result.AddError(problem);
        });
    }

    public override string Notes => """
        Formats (README "Import formats" has every column):
          police-uk   police.uk street-level CSV; source from "Reported by"; month precision
          fire        fire-service incident records; only deliberate fires count; exact time (UK local)
          council     council ASB cases; ASB type mapped to our categories; day precision

        Rows are placed in the configured wards (a server places them itself). Re-running an import, or running
        it again after it was interrupted, adds nothing twice. Malformed rows are reported with their line.
        """;

    protected override async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var format = ImportFormat.Find(parsed.GetRequiredValue(_format))!;
        var files = parsed.GetRequiredValue(_files);
        var source = parsed.GetValue(_source) ?? format.DefaultSource;
        var mappings = LabelMappings.Load(parsed.GetValue(_mappings) ?? []);
        var dryRun = parsed.GetValue(_dryRun);

        using var server = _server.Connect(parsed);
        SqliteIncidentStore? store = null;
        try
        {
            IIncidentSink sink;
            ImportContext context;
            if (server is not null)
            {
                // The server places rows in its own wards; a dry run can only check the files.
                sink = dryRun ? new CheckOnlySink() : server;
                context = new ImportContext(mappings, null) { Source = source };
                await Tool.Output.WriteLineAsync($"{(dryRun ? "Checking" : "Importing")} {files.Length} file(s) for {server.Address}");
            }
            else if (dryRun && !File.Exists(Tool.StoreOptions.Path))
            {
                // Nothing is stored yet, so nothing can be a duplicate, and a dry run must not create the store.
                sink = new CheckOnlySink();
                context = new ImportContext(mappings, (await Tool.LoadGeographyAsync()).Wards.Index) { Source = source };
                await Tool.Output.WriteLineAsync($"Checking {files.Length} file(s); there is no store at {Tool.StoreOptions.Path} yet");
            }
            else
            {
                var geography = await Tool.LoadGeographyAsync();
                store = await SqliteIncidentStore.OpenAsync(Tool.StoreOptions, TimeProvider.System, cancellationToken);
                if (store.Purpose == StorePurpose.Replay) throw new InvalidOperationException($"{Tool.StoreOptions.Path} is a replay store; import into the live store");
                sink = dryRun ? new PreviewSink(store) : new StoreSink(store);
                context = new ImportContext(mappings, geography.Wards.Index) { Source = source };
                await Tool.Output.WriteLineAsync($"{(dryRun ? "Checking" : "Importing")} {files.Length} file(s) {(dryRun ? "against" : "into")} {store.Path}");
            }

            ImportReport report;
            // A dry run writes nothing, so it counts nothing.
            using var telemetry = dryRun ? null : new ImportTelemetry(Tool.Configuration);
            try
            {
                report = await ProgressBars.ShowAsync(Tool.Display, dryRun ? "Checking" : "Importing", task =>
                    new IncidentImporter(sink, context, telemetry?.Metrics).ImportAsync(format, files, progress: new ProgressBars.Import(task), cancellationToken: cancellationToken));
            }
            catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or IOException or ServerException or HttpRequestException)
            {
                await Tool.Error.WriteLineAsync($"hotspots import: the import stopped: {ex.Message}. Batches written before it are kept; running the same import again completes it.");
                return ExitCodes.Failed;
            }
            report.DryRun = dryRun;
            await PrintAsync(report);
            if (parsed.GetValue(_report) is { } reportPath)
            {
                await File.WriteAllTextAsync(reportPath, JsonSerializer.Serialize(report, ReportJson), cancellationToken);
                await Tool.Output.WriteLineAsync($"Report written to {reportPath}");
            }
            if (report.RefusedFiles.Count == 0) return ExitCodes.Done;
            // A file refused outright is an import that did not happen: scripts must not carry on as if it had.
            await Tool.Error.WriteLineAsync($"hotspots import: {report.RefusedFiles.Count} file(s) refused outright, none of their rows read: {string.Join(", ", report.RefusedFiles)}");
            return ExitCodes.Failed;
        }
        finally
        {
            if (store is not null) await store.DisposeAsync();
        }
    }

    private async Task PrintAsync(ImportReport report)
    {
        var imported = report.DryRun ? "would import" : "imported";
        await Tool.Output.WriteLineAsync(
            $"Rows {report.Rows:N0}: {imported} {report.Imported:N0}, duplicates {report.Duplicates:N0}, unlocated {report.Unlocated:N0}, " +
            $"outside area {report.OutsideArea:N0}, not deliberate {report.NotDeliberate:N0}, ignored {report.Ignored:N0}, " +
            $"unmapped {report.Unmapped:N0}, malformed {report.MalformedCount:N0} ({report.Seconds:0.0} s, {report.RowsPerSecond:N0} rows/s)");
        if (report.UnmappedLabels.Count > 0)
        {
            await Tool.Output.WriteLineAsync("Unmapped labels:");
            var labels = new Table().AddColumns("Column", "Label", "Rows", "First seen");
            labels.Columns[2].RightAligned();
            foreach (var label in report.UnmappedLabels.Take(Listed))
                labels.AddRow(Markup.Escape(label.Column), Markup.Escape(label.Label), $"{label.Rows:N0}", Markup.Escape($"{label.FirstFile}:{label.FirstLine}"));
            Tool.Display.Write(labels);
        }
        if (report.Malformed.Count > 0)
        {
            await Tool.Output.WriteLineAsync("Malformed rows:");
            var problems = new Table().AddColumns("File", "Line", "Problem");
            problems.Columns[1].RightAligned();
            foreach (var problem in report.Malformed.Take(Listed)) problems.AddRow(Markup.Escape(problem.File), $"{problem.Line}", Markup.Escape(problem.Reason));
            Tool.Display.Write(problems);
            if (report.MalformedCount > Listed) await Tool.Output.WriteLineAsync($"  ... {report.MalformedCount - Listed:N0} more in the report");
        }
    }

    /// <summary>A dry run with no store to ask: every valid row would be new, unless it repeats one earlier in the run.</summary>
    private sealed class CheckOnlySink : IIncidentSink
    {
        private readonly HashSet<(string Source, string SourceId)> _seen = [];

        public Task<SinkResult> WriteAsync(IncidentBatch batch, CancellationToken cancellationToken)
        {
            lock (_seen)
            {
                var fresh = 0;
                for (var i = 0; i < batch.Count; i++)
                {
                    if (_seen.Add((Encoding.UTF8.GetString(batch.Source(i)), Encoding.UTF8.GetString(batch.SourceId(i))))) fresh++;
                }
                return Task.FromResult(SinkResult.Of(fresh, batch.Count - fresh));
            }
        }
    }
}
