using System.Text.Json;
using HotSpots.Application.Imports;
using HotSpots.Geography;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Configuration;

namespace HotSpots.Cli;

/// <summary>
/// <c>hotspots</c>: the operator's tool. Configuration comes from the same places and keys as the server
/// (appsettings.json in the working directory, HotSpots__* environment variables, --HotSpots:Key=value arguments).
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Usage:
          hotspots import police-uk FILE... [--report REPORT.json] [--HotSpots:Key=value ...]

        Imports police.uk street-level CSV files into the incident store (HotSpots:Store:Sqlite:Path),
        placing each row in the configured wards. Re-importing a file imports nothing new. A running
        server picks the new incidents up within its poll interval.

        Exit codes: 0 imported (malformed rows are reported, not fatal); 1 a file could not be read at all; 2 usage.
        """;

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = args.Where(a => a.StartsWith("--HotSpots:", StringComparison.OrdinalIgnoreCase)).ToArray();
        var words = args.Except(settings).ToList();
        if (words is ["--help"] or ["-h"] or ["help"] or [])
        {
            await output.WriteLineAsync(Usage);
            return words.Count == 0 ? 2 : 0;
        }
        if (words is not ["import", "police-uk", .. var rest])
        {
            await error.WriteLineAsync($"hotspots: unknown command '{string.Join(' ', words)}'\n\n{Usage}");
            return 2;
        }

        string? reportPath = null;
        var files = new List<string>();
        for (var i = 0; i < rest.Count; i++)
        {
            if (rest[i] == "--report" && i + 1 < rest.Count) reportPath = rest[++i];
            else if (rest[i].StartsWith("--", StringComparison.Ordinal))
            {
                await error.WriteLineAsync($"hotspots: unknown option '{rest[i]}'\n\n{Usage}");
                return 2;
            }
            else files.Add(rest[i]);
        }
        if (files.Count == 0)
        {
            await error.WriteLineAsync($"hotspots: name at least one CSV file\n\n{Usage}");
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(settings)
            .Build();
        var geographyOptions = configuration.GetSection("HotSpots:Geography").Get<GeographyOptions>() ?? new();
        var storeOptions = configuration.GetSection("HotSpots:Store:Sqlite").Get<SqliteStoreOptions>() ?? new();

        GeographyModel geography;
        try
        {
            geography = GeographyModel.Load(geographyOptions);
        }
        catch (GeographyException ex)
        {
            await error.WriteLineAsync($"hotspots: {ex.Message}");
            return 1;
        }
        if (geography.IsDemo) await output.WriteLineAsync("Note: no ward files configured; placing rows in the approximate demo wards of Thurrock.");

        await using var store = await SqliteIncidentStore.OpenAsync(storeOptions, TimeProvider.System, cancellationToken);
        await output.WriteLineAsync($"Importing {files.Count} file(s) into {store.Path}");
        var progress = new ProgressDisplay(output, interactive: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        ImportReport report;
        try
        {
            report = await new PoliceUkImporter(store, geography).ImportAsync(files, progress: progress, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            progress.Finish();
            await error.WriteLineAsync($"hotspots: the import stopped: {ex.Message}. Batches written before it are kept; running the same import again completes it.");
            return 1;
        }
        progress.Finish();

        await output.WriteLineAsync(
            $"Rows {report.Rows:N0}: imported {report.Imported:N0}, duplicates {report.Duplicates:N0}, unlocated {report.Unlocated:N0}, " +
            $"outside area {report.OutsideArea:N0}, malformed {report.MalformedCount:N0} ({report.Seconds:0.0} s, {report.RowsPerSecond:N0} rows/s)");
        foreach (var problem in report.Malformed.Take(20)) await output.WriteLineAsync($"  {problem.File}:{problem.Line}: {problem.Reason}");
        if (report.MalformedCount > 20) await output.WriteLineAsync($"  ... {report.MalformedCount - 20:N0} more in the report");

        if (reportPath is not null)
        {
            await File.WriteAllTextAsync(reportPath, JsonSerializer.Serialize(report, ReportJson), cancellationToken);
            await output.WriteLineAsync($"Report written to {reportPath}");
        }
        return files.Any(f => !File.Exists(f)) ? 1 : 0;
    }
}
