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
        var runs = int.Parse(Paths.Option(args, "--runs", "3"));
        // Counting alongside the import, as a server does while the tool imports, or after it (--count-after).
        var concurrent = !args.Contains("--count-after");
        var originals = Directory.GetFiles(Path.Combine(data, "police-uk"), "*.csv").Order().ToList();
        var wardFiles = Directory.GetFiles(Path.Combine(data, "boundaries", "essex-wards-2013"), "*.geojson").Order().ToList();
        var rowsPerPass = originals.Sum(f => File.ReadLines(f).LongCount() - 1);
        var passes = (int)Math.Ceiling((double)targetRows / rowsPerPass);
        var work = Path.Combine(Path.GetTempPath(), $"hotspots-bench-{Guid.NewGuid():N}");
        var files = WriteCopies(originals, passes, work);

        Console.WriteLine($"Import benchmark: {passes} passes x {rowsPerPass:N0} rows = {passes * rowsPerPass:N0} rows, 304 Essex ward files, {runs} runs, each into a fresh SQLite file under {work}");
        var rates = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            // Each run starts from nothing, as a first import on a new machine does: geography, grid and store alike.
            var geography = GeographyModel.Load(new GeographyOptions { Wards = { Files = wardFiles } });
            var dbPath = Path.Combine(work, $"run-{run}", "bench.db");
            await using var store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = dbPath }, TimeProvider.System);
            var monitors = new MonitorDirectory(geography, TimeProvider.System);
            var signal = new IncidentLogSignal();
            var tailer = new IncidentLogTailer(store, monitors, signal, new MonitoringOptions { PollInterval = TimeSpan.FromMilliseconds(50) }, TimeProvider.System);
            var importer = new PoliceUkImporter(store, geography, concurrent ? signal : null);

            using var stopTailing = new CancellationTokenSource();
            int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var pausedBefore = GC.GetTotalPauseDuration();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            var tailing = concurrent ? tailer.RunAsync(stopTailing.Token) : Task.CompletedTask;

            var report = await importer.ImportAsync(files);
            var importedAt = stopwatch.Elapsed;
            if (!concurrent) await tailer.CatchUpAsync();
            await tailer.WhenAppliedAsync(await store.CountAsync());
            var counted = stopwatch.Elapsed;
            await stopTailing.CancelAsync();
            await tailing;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            rates.Add(report.Rows / counted.TotalSeconds);

            Console.WriteLine($"run {run}");
            Console.WriteLine($"  rows read            {report.Rows,12:N0}");
            Console.WriteLine($"  incidents stored     {report.Imported,12:N0}  (the rest: no coordinates or outside Essex)");
            Console.WriteLine($"  parse+place+store    {importedAt.TotalSeconds,12:N2} s  {report.Rows / importedAt.TotalSeconds,12:N0} rows/s");
            Console.WriteLine($"  ... and counted      {counted.TotalSeconds,12:N2} s  {report.Rows / counted.TotalSeconds,12:N0} rows/s end to end");
            Console.WriteLine($"  processor time       {cpu.TotalSeconds,12:N2} s  ({cpu / counted:N2} of {Environment.ProcessorCount} cores busy)");
            Console.WriteLine($"  garbage collections  {GC.CollectionCount(0) - gcBefore[0],5} gen0 {GC.CollectionCount(1) - gcBefore[1],5} gen1 {GC.CollectionCount(2) - gcBefore[2],5} gen2, paused {(GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds:N2} s");
        }
        rates.Sort();
        Console.WriteLine($"end to end, median of {runs}: {rates[runs / 2],12:N0} rows/s   (slowest {rates[0]:N0}, fastest {rates[^1]:N0})");
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576:N0} MiB");
        Directory.Delete(work, recursive: true);
        return 0;
    }

    /// <summary>
    /// The files, once per pass, with "Reported by" set to "Bench N" so that each copy is its own source. Written
    /// before the clock starts; the import then reads them as it would any police.uk download.
    /// </summary>
    private static List<string> WriteCopies(List<string> originals, int passes, string directory)
    {
        Directory.CreateDirectory(directory);
        var copies = new List<string>();
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var original in originals)
            {
                var copy = Path.Combine(directory, $"{pass:D3}-{Path.GetFileName(original)}");
                using var writer = new StreamWriter(copy);
                var header = true;
                foreach (var line in File.ReadLines(original))
                {
                    var fields = line.Split(',');
                    if (!header && fields.Length > 2) fields[2] = $"Bench {pass}";
                    writer.WriteLine(string.Join(',', fields));
                    header = false;
                }
                copies.Add(copy);
            }
        }
        return copies;
    }
}
