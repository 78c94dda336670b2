using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace HotSpots.Benchmarks;

/// <summary>
/// Heat of a whole ward set at the API: the real server in its own process with all 304 Essex wards, given the
/// police.uk points (located, dated within the last 28 days so every rolling window holds some), then asked for the
/// heat of every ward one request at a time and from eight clients at once. Each answer fans out to 304 area grains.
/// With <c>--read grid</c> it asks for Gi* on the 250 m grid of all Essex instead (58,846 cells, fanning out to the
/// cell tile grains); the first answer, which works out the grid's cells, is part of the warm-up.
/// </summary>
internal static class HeatReadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var data = Path.GetFullPath(Paths.Option(args, "--data", Path.Combine(Paths.Root, "..", "shared", "data")));
        var requests = int.Parse(Paths.Option(args, "--requests", "1000"));
        var path = Paths.Option(args, "--read", "heat") == "grid" ? "/api/hotspots/grid" : "/api/heat";
        var wardFiles = Directory.GetFiles(Path.Combine(data, "boundaries", "essex-wards-2013"), "*.geojson").Order().ToList();
        var dir = Directory.CreateTempSubdirectory("hotspots-heat-bench-").FullName;
        using var server = LiveBenchmark.StartServer(dir, out var listening, [.. wardFiles.Select((f, i) => $"--HotSpots:Geography:Wards:Files:{i}={f}")]);
        var address = new Uri(await listening.WaitAsync(TimeSpan.FromMinutes(2)));

        using var writer = new HttpClient { BaseAddress = address };
        writer.DefaultRequestHeaders.Add("X-Api-Key", "bench-ingest");
        var posted = await PostPointsAsync(writer, Path.Combine(data, "police-uk"));
        using var reader = new HttpClient { BaseAddress = address };
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bench-viewer");
        Console.WriteLine($"Read benchmark ({path}): server at {address}, 304 Essex wards, {posted:N0} incidents in the last 28 days, {requests:N0} requests per run");

        string[] windows = ["24h", "7d", "28d"];
        for (var i = 0; i < 100; i++) await Read(reader, path, windows[i % 3]);
        foreach (var concurrency in new[] { 1, 8 })
        {
            var latencies = new List<double>();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
            {
                var ms = await Read(reader, path, windows[i % 3]);
                lock (latencies) latencies.Add(ms);
            });
            latencies.Sort();
            Console.WriteLine($"  {concurrency} client(s): {requests / clock.Elapsed.TotalSeconds,8:N0} answers/s, p50 {latencies[latencies.Count / 2],6:N1} ms, p99 {latencies[(int)(latencies.Count * 0.99) - 1],6:N1} ms, max {latencies[^1],6:N1} ms");
        }

        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    private static async Task<double> Read(HttpClient reader, string path, string window)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await reader.GetAsync($"{path}?set=wards&group=asb&window={window}");
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync();
        if (body.Length < 1000) throw new InvalidOperationException("an answer without its wards or cells");
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Posts every police.uk point with a time spread over the last 28 days; returns how many.</summary>
    private static async Task<int> PostPointsAsync(HttpClient writer, string folder)
    {
        var now = DateTimeOffset.UtcNow;
        var points = Directory.GetFiles(folder, "*.csv").Order()
            .SelectMany(f => File.ReadLines(f).Skip(1))
            .Select(line => line.Split(','))
            .Where(cells => cells.Length > 5 && cells[4].Length > 0 && cells[5].Length > 0)
            .Select((cells, i) => new
            {
                source = "bench",
                sourceId = $"h-{i}",
                category = i % 3 == 0 ? "anti-social-behaviour" : "criminal-damage-arson",
                occurredAt = now.AddMinutes(-5 - i % (28 * 24 * 60 - 10)).ToString("O", CultureInfo.InvariantCulture),
                latitude = double.Parse(cells[5], CultureInfo.InvariantCulture),
                longitude = double.Parse(cells[4], CultureInfo.InvariantCulture),
            })
            .ToList();
        foreach (var chunk in points.Chunk(10_000)) (await writer.PostAsJsonAsync("/api/incidents", chunk)).EnsureSuccessStatusCode();
        return points.Count;
    }
}
