using System.Diagnostics;
using System.Globalization;
using HotSpots.Application.Imports;
using HotSpots.Application.Ingest;
using HotSpots.Application.Monitoring;
using HotSpots.Geography;
using HotSpots.Store;
using HotSpots.Store.Postgres;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HotSpots.Benchmarks;

/// <summary>
/// Bulk import end to end, per format: the police.uk files repeated (each copy under its own source, so nothing
/// deduplicates) to about 1.2 million rows, all 304 Essex wards as one set, parsed, placed, appended to a fresh
/// SQLite file and counted by the monitors through the log tailer, which runs alongside as it does in the server.
/// The fire and council runs use the same rows rewritten in those layouts: fire rows give British National Grid
/// references only (so every row is converted), council rows half grid references and half latitude/longitude.
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
        // Into PostgreSQL (a fresh database per run on the server this connection string names) instead of SQLite.
        var postgres = Paths.Option(args, "--postgres", "");
        var formats = Paths.Option(args, "--format", "all") is var f && f == "all" ? ImportFormat.All : [ImportFormat.Find(f) ?? throw new ArgumentException($"unknown format {f}")];
        var originals = Directory.GetFiles(Path.Combine(data, "police-uk"), "*.csv").Order().ToList();
        var wardFiles = Directory.GetFiles(Path.Combine(data, "boundaries", "essex-wards-2013"), "*.geojson").Order().ToList();
        var rowsPerPass = originals.Sum(f => File.ReadLines(f).LongCount() - 1);
        var passes = (int)Math.Ceiling((double)targetRows / rowsPerPass);
        var work = Path.Combine(Path.GetTempPath(), $"hotspots-bench-{Guid.NewGuid():N}");
        var medians = new List<string>();
        foreach (var format in formats)
        {
            var files = WriteCopies(originals, passes, Path.Combine(work, format.Name), format.Name);
            Console.WriteLine($"Import benchmark, {format.Name}: {passes} passes x {rowsPerPass:N0} rows = {passes * rowsPerPass:N0} rows, 304 Essex ward files, {runs} runs, each into a fresh SQLite file under {work}");
            var median = await RunFormatAsync(format, files, wardFiles, runs, concurrent, Path.Combine(work, format.Name), postgres);
            medians.Add($"{format.Name,-10} {median,12:N0} rows/s end to end (median of {runs})");
        }
        Console.WriteLine();
        foreach (var line in medians) Console.WriteLine(line);
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576:N0} MiB");
        Directory.Delete(work, recursive: true);
        return 0;
    }

    private static async Task<double> RunFormatAsync(ImportFormat format, List<string> files, List<string> wardFiles, int runs, bool concurrent, string work, string postgres)
    {
        var rates = new List<double>();
        var mappings = LabelMappings.Load();
        for (var run = 1; run <= runs; run++)
        {
            // Each run starts from nothing, as a first import on a new machine does: geography, grid and store alike.
            var geography = GeographyModel.Load(new GeographyOptions { Wards = { Files = wardFiles } });
            var (store, state, cleanUp) = postgres.Length > 0 ? await PostgresRunAsync(postgres, run) : await SqliteRunAsync(Path.Combine(work, $"run-{run}"));
            var silo = await BenchSilo.StartAsync(state);
            var monitors = new MonitorDirectory(silo.Grains);
            monitors.Load(geography);
            var signal = new IncidentLogSignal();
            var tailer = new IncidentLogTailer(store, monitors, signal, state, Options.Create(new MonitoringOptions { PollInterval = TimeSpan.FromMilliseconds(50) }), TimeProvider.System);
            var context = new ImportContext(mappings, geography.Wards.Index) { Source = format.DefaultSource };
            var importer = new IncidentImporter(new StoreSink(store, concurrent ? signal : null), context);

            using var stopTailing = new CancellationTokenSource();
            int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var pausedBefore = GC.GetTotalPauseDuration();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            var tailing = concurrent ? tailer.RunAsync(stopTailing.Token) : Task.CompletedTask;

            var report = await importer.ImportAsync(format, files);
            var importedAt = stopwatch.Elapsed;
            if (!concurrent) await tailer.CatchUpAsync();
            // The log's end, read in one lookup: counting the rows would scan the whole table inside the timing, which
            // an import never does (0.5-0.7 s of a PostgreSQL run). The count is checked against it once timed.
            var end = await store.LastSequenceAsync();
            await tailer.WhenAppliedAsync(end);
            var counted = stopwatch.Elapsed;
            var stored = await store.CountAsync();
            if (stored != end) throw new InvalidOperationException($"the log ends at {end} but holds {stored} incidents");
            await stopTailing.CancelAsync();
            await tailing;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            rates.Add(report.Rows / counted.TotalSeconds);

            Console.WriteLine($"run {run}");
            Console.WriteLine($"  rows read            {report.Rows,12:N0}");
            Console.WriteLine($"  incidents stored     {report.Imported,12:N0}  (the rest: no coordinates, outside Essex, or not deliberate)");
            Console.WriteLine($"  parse+place+store    {importedAt.TotalSeconds,12:N2} s  {report.Rows / importedAt.TotalSeconds,12:N0} rows/s");
            Console.WriteLine($"  ... and counted      {counted.TotalSeconds,12:N2} s  {report.Rows / counted.TotalSeconds,12:N0} rows/s end to end");
            Console.WriteLine($"  processor time       {cpu.TotalSeconds,12:N2} s  ({cpu / counted:N2} of {Environment.ProcessorCount} cores busy)");
            Console.WriteLine($"  garbage collections  {GC.CollectionCount(0) - gcBefore[0],5} gen0 {GC.CollectionCount(1) - gcBefore[1],5} gen1 {GC.CollectionCount(2) - gcBefore[2],5} gen2, paused {(GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds:N2} s");
            // Each run's database goes once measured, so later runs do not share the disk and page cache with it.
            await silo.DisposeAsync();
            await store.DisposeAsync();
            await cleanUp();
        }
        rates.Sort();
        Console.WriteLine($"end to end, median of {runs}: {rates[runs / 2],12:N0} rows/s   (slowest {rates[0]:N0}, fastest {rates[^1]:N0})");
        return rates[runs / 2];
    }

    private static async Task<(IIncidentStore, IGrainStateStore, Func<Task>)> SqliteRunAsync(string folder)
    {
        var store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = Path.Combine(folder, "bench.db") }, TimeProvider.System);
        return (store, new SqliteGrainStateStore(store), () =>
        {
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        }
        );
    }

    private static async Task<(IIncidentStore, IGrainStateStore, Func<Task>)> PostgresRunAsync(string connectionString, int run)
    {
        var name = $"hotspots_bench_{run}";
        await using (var admin = NpgsqlDataSource.Create(connectionString))
        {
            await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            await drop.ExecuteNonQueryAsync();
            await using var create = admin.CreateCommand($"CREATE DATABASE {name}");
            await create.ExecuteNonQueryAsync();
        }
        var dataSource = PostgresDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString);
        return (await PostgresIncidentStore.OpenAsync(dataSource, null, TimeProvider.System), await PostgresGrainStateStore.OpenAsync(dataSource), async () =>
        {
            await dataSource.DisposeAsync();
            await using var admin = NpgsqlDataSource.Create(connectionString);
            await using var drop = admin.CreateCommand($"DROP DATABASE {name} WITH (FORCE)");
            await drop.ExecuteNonQueryAsync();
        }
        );
    }

    /// <summary>
    /// The files, once per pass, written before the clock starts. police.uk copies have "Reported by" set to
    /// "Bench N" so that each copy is its own source; fire and council copies get ids unique to their pass.
    /// </summary>
    private static List<string> WriteCopies(List<string> originals, int passes, string directory, string format)
    {
        Directory.CreateDirectory(directory);
        var copies = new List<string>();
        var random = new Random(2018);
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var original in originals)
            {
                var copy = Path.Combine(directory, $"{pass:D3}-{Path.GetFileName(original)}");
                using var writer = new StreamWriter(copy);
                var row = 0;
                foreach (var line in File.ReadLines(original))
                {
                    var fields = line.Split(',');
                    if (row++ == 0)
                    {
                        writer.WriteLine(format switch
                        {
                            "fire" => "IncidentNumber,DateTimeOfCall,IncidentGroup,StopCodeDescription,Motive,PropertyCategory,PropertyType,Easting_m,Northing_m,StreetName",
                            "council" => "CaseReference,DateReported,AsbType,Latitude,Longitude,Easting,Northing,StreetDescription",
                            _ => line,
                        });
                        continue;
                    }
                    if (fields.Length < 10) continue;
                    writer.WriteLine(format switch
                    {
                        "fire" => FireRow(fields, pass, row, random),
                        "council" => CouncilRow(fields, pass, row, random),
                        _ => string.Join(',', fields.Select((v, i) => i == 2 ? $"Bench {pass}" : v)),
                    });
                }
                copies.Add(copy);
            }
        }
        return copies;
    }

    private static string FireRow(string[] police, int pass, int row, Random random)
    {
        var (easting, northing) = Grid(police);
        var at = $"{police[1]}-{random.Next(1, 29):00} {random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00}";
        var stop = random.Next(4) == 0 ? "Primary Fire" : "Secondary Fire";
        var motive = random.Next(10) == 0 ? "Accidental" : "Deliberate";
        return $"FB{pass:D3}-{row:D7}-{police[1]},{at},Fire,{stop},{motive},Outdoor,Loose refuse,{easting},{northing},{police[6]}";
    }

    private static string CouncilRow(string[] police, int pass, int row, Random random)
    {
        var (easting, northing) = Grid(police);
        var type = random.Next(4) switch { 0 => "Fly-tipping", 1 => "Youth nuisance", 2 => "Noise - neighbour", _ => "Rowdy behaviour" };
        var date = $"{random.Next(1, 29):00}/{police[1][5..7]}/{police[1][..4]}";
        return row % 2 == 0
            ? $"TC{pass:D3}-{row:D7}-{police[1]},{date},{type},,,{easting},{northing},{police[6]}"
            : $"TC{pass:D3}-{row:D7}-{police[1]},{date},{type},{police[5]},{police[4]},,,{police[6]}";
    }

    /// <summary>The row's grid reference to the metre, or blanks when it has no coordinates.</summary>
    private static (string Easting, string Northing) Grid(string[] police)
    {
        if (!double.TryParse(police[5], CultureInfo.InvariantCulture, out var lat) || !double.TryParse(police[4], CultureInfo.InvariantCulture, out var lon)) return ("", "");
        var (e, n) = BritishNationalGrid.FromWgs84(lat, lon);
        return (Math.Round(e).ToString(CultureInfo.InvariantCulture), Math.Round(n).ToString(CultureInfo.InvariantCulture));
    }
}
