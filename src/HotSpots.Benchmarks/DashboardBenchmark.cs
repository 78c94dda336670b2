using System.Diagnostics;
using System.Text.Json;
using HotSpots.Application.Accounts;
using HotSpots.Geography;

namespace HotSpots.Benchmarks;

/// <summary>
/// The dashboard in headless Chromium with every Essex ward (304): first paint and map-ready time on a signed-in
/// load, then frames while incidents arrive at a steady rate. The server is the real host in its own process; the
/// browser is driven by dashboards/bench/perf.mjs, which prints the figures.
/// </summary>
internal static class DashboardBenchmark
{
    private const string Password = "benchmark password";

    public static async Task<int> RunAsync(string[] args)
    {
        var data = Path.GetFullPath(Paths.Option(args, "--data", Path.Combine(Paths.Root, "..", "shared", "data")));
        var rate = int.Parse(Paths.Option(args, "--rate", "50"));
        var seconds = int.Parse(Paths.Option(args, "--seconds", "20"));
        var runs = int.Parse(Paths.Option(args, "--runs", "3"));
        var wardFiles = Directory.GetFiles(Path.Combine(data, "boundaries", "essex-wards-2013"), "*.geojson").Order().ToList();
        var dir = Directory.CreateTempSubdirectory("hotspots-dashboard-bench-").FullName;

        var options = new GeographyOptions();
        options.Wards.Files.AddRange(wardFiles);
        var geography = GeographyModel.Load(options);
        var random = new Random(1);
        var points = geography.Wards.Areas.ToDictionary(a => a.Code, a =>
        {
            var sampler = new AreaSampler(a);
            return Enumerable.Range(0, 5).Select(_ => sampler.Next(random)).Select(p => new[] { p.Latitude, p.Longitude }).ToArray();
        });

        using var server = LiveBenchmark.StartServer(dir, out var listening,
        [
            .. wardFiles.Select((f, i) => $"--HotSpots:Geography:Wards:Files:{i}={f}"),
            "--HotSpots:Security:Users:0:Name=bench",
            $"--HotSpots:Security:Users:0:PasswordHash={PasswordHash.Create(Password)}",
            "--HotSpots:Security:Users:0:Role=viewer",
        ]);
        var baseAddress = (await listening.WaitAsync(TimeSpan.FromSeconds(60))).TrimEnd('/');
        Console.WriteLine($"Dashboard benchmark: {geography.Wards.Areas.Count} wards, {rate} incidents/s for {seconds} s, {runs} runs, headless Chromium");

        var settings = Path.Combine(dir, "perf.json");
        await File.WriteAllTextAsync(settings, JsonSerializer.Serialize(new
        {
            @base = baseAddress,
            user = "bench",
            password = Password,
            ingestKey = "bench-ingest",
            points,
            rate,
            seconds,
        }));
        for (var run = 1; run <= runs; run++)
        {
            var info = new ProcessStartInfo("node") { WorkingDirectory = Path.Combine(Paths.Root, "dashboards"), RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("bench/perf.mjs");
            info.ArgumentList.Add(settings);
            using var node = Process.Start(info)!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            if (node.ExitCode != 0)
            {
                Console.Error.WriteLine(await stdout + await stderr);
                return 1;
            }
            Console.Error.Write(await stderr);
            var r = JsonDocument.Parse((await stdout).Split('\n').Last(l => l.StartsWith('{'))).RootElement;
            var load = r.GetProperty("load");
            var frame = r.GetProperty("frameMs");
            Console.WriteLine($"  run {run}: {r.GetProperty("wards").GetInt32()} wards drawn");
            Console.WriteLine($"    first contentful paint  {load.GetProperty("firstContentfulPaint").GetDouble(),8:N0} ms");
            Console.WriteLine($"    map ready (all coloured, live) {load.GetProperty("mapReady").GetDouble(),8:N0} ms after navigation start");
            Console.WriteLine($"    posted                  {r.GetProperty("posted").GetInt32(),8:N0} incidents ({r.GetProperty("postedPerSecond").GetDouble():N1}/s, {r.GetProperty("failedPosts").GetInt32()} failed), {r.GetProperty("wardChangesApplied").GetInt32():N0} ward changes drawn");
            Console.WriteLine($"    frames                  {r.GetProperty("frames").GetInt32(),8:N0} ({r.GetProperty("framesPerSecond").GetDouble():N1}/s), interval p50 {frame.GetProperty("p50").GetDouble():N1} ms, p99 {frame.GetProperty("p99").GetDouble():N1} ms, max {frame.GetProperty("max").GetDouble():N1} ms");
            Console.WriteLine($"    dropped frames          {r.GetProperty("droppedFrames").GetInt32(),8:N0} (intervals over 1.5 vsyncs)");
            Console.WriteLine($"    long tasks (>50 ms)     {r.GetProperty("longTasks").GetInt32(),8:N0} (longest {r.GetProperty("longestTaskMs").GetDouble():N1} ms)");
        }

        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        Directory.Delete(dir, recursive: true);
        return 0;
    }
}
