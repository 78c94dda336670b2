using System.Text;
using System.Text.Json;
using HotSpots.Application.Imports;
using HotSpots.Store;
using HotSpots.Store.Sqlite;

namespace HotSpots.Cli;

/// <summary><c>hotspots import police-uk|fire|council FILE...</c></summary>
internal sealed class ImportCommand : ICommand
{
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Usage => """
        Usage: hotspots import FORMAT FILE... [options]

        Formats (README "Import formats" has every column):
          police-uk   police.uk street-level CSV; source from "Reported by"; month precision
          fire        fire-service incident records; only deliberate fires count; exact time (UK local)
          council     council ASB cases; ASB type mapped to our categories; day precision

        Options:
          --source NAME        source recorded on each row (fire: essex-fire, council: thurrock-council)
          --mappings FILE      label tables laid over the shipped mappings.json (repeatable)
          --dry-run            validate and report; write nothing (with a store, duplicates are counted)
          --report FILE        write the report as JSON
          --server URL         send to a running server's API instead of the store ...
          --api-key KEY        ... with its ingest key

        Rows are placed in the configured wards (a server places them itself). Re-running an import, or running
        it again after it was interrupted, adds nothing twice. Malformed rows are reported with their line.
        """;

    public IReadOnlySet<string> Options { get; } = new HashSet<string> { "--source", "--mappings", "--report", "--server", "--api-key" };

    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--dry-run" };

    public async Task<int> RunAsync(Arguments arguments, Tool tool, CancellationToken cancellationToken)
    {
        if (arguments.Positional is not [var formatName, .. var files]) throw new UsageException("name a format and at least one file");
        var format = ImportFormat.Find(formatName)
            ?? throw new UsageException($"unknown format '{formatName}'; use {string.Join(", ", ImportFormat.All.Select(f => f.Name))}");
        if (files.Count == 0) throw new UsageException("name at least one CSV file");
        var source = arguments.Value("--source") ?? format.DefaultSource;
        if (arguments.Value("--source") is { } given && format.DefaultSource is null)
            throw new UsageException($"{format.Name} rows name their own source; --source does not apply");
        if (source is not null && Domain.Incidents.IncidentRules.CheckSource(source) is { } badSource) throw new UsageException(badSource);
        var mappings = LabelMappings.Load(arguments.Values("--mappings"));
        var dryRun = arguments.Has("--dry-run");

        using var server = Tool.Server(arguments);
        IIncidentStore? store = null;
        try
        {
            IIncidentSink sink;
            ImportContext context;
            if (server is not null)
            {
                // The server places rows in its own wards; a dry run can only check the files.
                sink = dryRun ? new CheckOnlySink() : server;
                context = new ImportContext(mappings, null) { Source = source };
                await tool.Output.WriteLineAsync($"{(dryRun ? "Checking" : "Importing")} {files.Count} file(s) for {server.Address}");
            }
            else if (dryRun && !File.Exists(tool.StoreOptions.Path))
            {
                // Nothing is stored yet, so nothing can be a duplicate, and a dry run must not create the store.
                sink = new CheckOnlySink();
                context = new ImportContext(mappings, (await tool.LoadGeographyAsync()).Wards.Index) { Source = source };
                await tool.Output.WriteLineAsync($"Checking {files.Count} file(s); there is no store at {tool.StoreOptions.Path} yet");
            }
            else
            {
                var geography = await tool.LoadGeographyAsync();
                store = await SqliteIncidentStore.OpenAsync(tool.StoreOptions, TimeProvider.System, cancellationToken);
                if (store.Purpose == StorePurpose.Replay) throw new InvalidOperationException($"{tool.StoreOptions.Path} is a replay store; import into the live store");
                sink = dryRun ? new PreviewSink(store) : new StoreSink(store);
                context = new ImportContext(mappings, geography.Wards.Index) { Source = source };
                await tool.Output.WriteLineAsync($"{(dryRun ? "Checking" : "Importing")} {files.Count} file(s) {(dryRun ? "against" : "into")} {((SqliteIncidentStore)store).Path}");
            }

            var progress = new ProgressDisplay(tool.Output, tool.Interactive);
            ImportReport report;
            try
            {
                report = await new IncidentImporter(sink, context).ImportAsync(format, files, progress: progress, cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or IOException or ServerException or HttpRequestException)
            {
                progress.Finish();
                await tool.Error.WriteLineAsync($"hotspots import: the import stopped: {ex.Message}. Batches written before it are kept; running the same import again completes it.");
                return 1;
            }
            progress.Finish();
            report.DryRun = dryRun;
            await PrintAsync(tool.Output, report);
            if (arguments.Value("--report") is { } reportPath)
            {
                await File.WriteAllTextAsync(reportPath, JsonSerializer.Serialize(report, ReportJson), cancellationToken);
                await tool.Output.WriteLineAsync($"Report written to {reportPath}");
            }
            if (report.RefusedFiles.Count == 0) return 0;
            // A file refused outright is an import that did not happen: scripts must not carry on as if it had.
            await tool.Error.WriteLineAsync($"hotspots import: {report.RefusedFiles.Count} file(s) refused outright, none of their rows read: {string.Join(", ", report.RefusedFiles)}");
            return 1;
        }
        finally
        {
            if (store is not null) await store.DisposeAsync();
        }
    }

    private static async Task PrintAsync(TextWriter output, ImportReport report)
    {
        var imported = report.DryRun ? "would import" : "imported";
        await output.WriteLineAsync(
            $"Rows {report.Rows:N0}: {imported} {report.Imported:N0}, duplicates {report.Duplicates:N0}, unlocated {report.Unlocated:N0}, " +
            $"outside area {report.OutsideArea:N0}, not deliberate {report.NotDeliberate:N0}, ignored {report.Ignored:N0}, " +
            $"unmapped {report.Unmapped:N0}, malformed {report.MalformedCount:N0} ({report.Seconds:0.0} s, {report.RowsPerSecond:N0} rows/s)");
        foreach (var label in report.UnmappedLabels.Take(20))
            await output.WriteLineAsync($"  unmapped {label.Column} '{label.Label}': {label.Rows:N0} row(s), first {label.FirstFile}:{label.FirstLine}");
        foreach (var problem in report.Malformed.Take(20)) await output.WriteLineAsync($"  {problem.File}:{problem.Line}: {problem.Reason}");
        if (report.MalformedCount > 20) await output.WriteLineAsync($"  ... {report.MalformedCount - 20:N0} more in the report");
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
