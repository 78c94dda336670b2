using System.Diagnostics;
using HotSpots.Application.Imports;
using HotSpots.Application.Ingest;
using HotSpots.Application.Monitoring;
using HotSpots.Geography;
using HotSpots.Store.Sqlite;

namespace HotSpots.Benchmarks;

/// <summary>
/// Bulk import end to end: the police.uk files repeated (each copy under its own source, so nothing deduplicates)
/// to about 1.2 million rows, all 304 Essex wards as one set, parsed, placed, appended to a fresh SQLite file and
/// counted by the monitors through the log tailer, which runs alongside as it does in the server.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var data = Path.GetFullPath(Paths.Option(args, "--data", Path.Combine(Paths.Root, "..", "shared", "data")));
        var targetRows = long.Parse(Paths.Option(args, "--rows", "1200000"));
        // Counting alongside the import, as a server does while the tool imports, or after it (--count-after).
        var concurrent = !args.Contains("--count-after");
        var files = Directory.GetFiles(Path.Combine(data, "police-uk"), "*.csv").Order().ToList();
        var wardFiles = Directory.GetFiles(Path.Combine(data, "boundaries", "essex-wards-2013"), "*.geojson").Order().ToList();
        var rowsPerPass = files.Sum(f => File.ReadLines(f).LongCount() - 1);
        var passes = (int)Math.Ceiling((double)targetRows / rowsPerPass);

        var geography = GeographyModel.Load(new GeographyOptions { Wards = { Files = wardFiles } });
        var dbPath = Path.Combine(Path.GetTempPath(), $"hotspots-bench-{Guid.NewGuid():N}", "bench.db");
        await using var store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = dbPath }, TimeProvider.System);
        var monitors = new MonitorDirectory(geography, TimeProvider.System);
        var signal = new IncidentLogSignal();
        var tailer = new IncidentLogTailer(store, monitors, signal, new MonitoringOptions { PollInterval = TimeSpan.FromMilliseconds(50) }, TimeProvider.System);
        var importer = new PoliceUkImporter(store, geography);

        Console.WriteLine($"Import benchmark: {passes} passes x {rowsPerPass:N0} rows = {passes * rowsPerPass:N0} rows, {geography.Wards.Areas.Count} wards, SQLite at {dbPath}");
        using var stopTailing = new CancellationTokenSource();
        var gcBefore = GC.CollectionCount(0);
        var stopwatch = Stopwatch.StartNew();
        var tailing = concurrent ? tailer.RunAsync(stopTailing.Token) : Task.CompletedTask;

        long rows = 0, imported = 0;
        for (var pass = 0; pass < passes; pass++)
        {
            var report = await importer.ImportAsync(files, new PoliceUkImportOptions { SourceOverride = $"bench-{pass}" });
            rows += report.Rows;
            imported += report.Imported;
            if (concurrent) signal.Notify();
        }
        var importedAt = stopwatch.Elapsed;
        if (!concurrent) await tailer.CatchUpAsync();
        await tailer.WhenAppliedAsync(await store.CountAsync());
        var counted = stopwatch.Elapsed;
        await stopTailing.CancelAsync();
        await tailing;

        Console.WriteLine($"  rows read            {rows,12:N0}");
        Console.WriteLine($"  incidents stored     {imported,12:N0}  (the rest: no coordinates or outside Essex)");
        Console.WriteLine($"  parse+place+store    {importedAt.TotalSeconds,12:N2} s  {rows / importedAt.TotalSeconds,12:N0} rows/s");
        Console.WriteLine($"  ... and counted      {counted.TotalSeconds,12:N2} s  {rows / counted.TotalSeconds,12:N0} rows/s end to end");
        Console.WriteLine($"  peak working set     {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576,12:N0} MiB   gen0 GCs {GC.CollectionCount(0) - gcBefore}");
        Directory.Delete(Path.GetDirectoryName(dbPath)!, recursive: true);
        return 0;
    }
}
