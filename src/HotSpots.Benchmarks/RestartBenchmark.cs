using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using HotSpots.Geography.Demo;

namespace HotSpots.Benchmarks;

/// <summary>
/// Restart to ready on a big store: the real server in its own process is given 1.2 million incidents through its API
/// (demo wards, month-only police.uk-style rows), then stopped and started again several times. Ready is when the server
/// listens and its heat counts every stored incident. Then the same after a kill -9 with a tail the checkpoint does not
/// hold. <c>--host</c> runs another build of the server (the commit before a change) through the same steps.
/// </summary>
internal static class RestartBenchmark
{
    private const int PostSize = 10_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = int.Parse(Paths.Option(args, "--rows", "1200000"));
        var runs = int.Parse(Paths.Option(args, "--runs", "3"));
        var hostDir = Path.GetFullPath(Paths.Option(args, "--host", AppContext.BaseDirectory));
        var dir = Directory.CreateTempSubdirectory("hotspots-restart-bench-").FullName;
        Console.WriteLine($"Restart benchmark: {rows:N0} incidents, {runs} restarts, server from {hostDir}");

        var server = await Server.StartAsync(hostDir, dir);
        var filling = Stopwatch.StartNew();
        await server.PostAsync(0, rows);
        await server.WaitCountedAsync(rows);
        Console.WriteLine($"  filled through the API  {rows / filling.Elapsed.TotalSeconds,10:N0} incidents/s ({filling.Elapsed.TotalSeconds:N1} s, counted)");
        await server.StopAsync();

        var restarts = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            server = await Server.StartAsync(hostDir, dir);
            await server.WaitCountedAsync(rows);
            restarts.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine($"  restart {run} after a stop     {clock.Elapsed.TotalSeconds,8:N2} s to ready");
            if (run < runs) await server.StopAsync();
        }

        const int tail = 20_000;
        await server.PostAsync(rows, tail);
        await server.WaitCountedAsync(rows + tail);
        server.Kill();
        var afterKill = Stopwatch.StartNew();
        server = await Server.StartAsync(hostDir, dir);
        await server.WaitCountedAsync(rows + tail);
        var killed = afterKill.Elapsed.TotalSeconds;
        server.Kill();

        Console.WriteLine();
        Console.WriteLine($"restart after a stop    {restarts.Order().ElementAt(restarts.Count / 2),8:N2} s to ready (median of {runs})");
        Console.WriteLine($"restart after kill -9   {killed,8:N2} s to ready ({tail:N0} acknowledged incidents after the last stop)");
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    /// <summary>The two clients hold one key each: a request carrying an ingest key is the ingest role, whatever else it carries.</summary>
    private sealed class Server(Process process, HttpClient reader, HttpClient writer)
    {
        public static async Task<Server> StartAsync(string hostDir, string dir)
        {
            var process = LiveBenchmark.StartServer(hostDir, dir, out var listening, "--Logging:LogLevel:Default=Warning");
            var address = new Uri(await listening.WaitAsync(TimeSpan.FromMinutes(5)));
            var reader = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
            reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bench-viewer");
            var writer = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
            writer.DefaultRequestHeaders.Add("X-Api-Key", "bench-ingest");
            return new Server(process, reader, writer);
        }

        /// <summary>Posts incidents numbered from <paramref name="first"/>, four requests in flight.</summary>
        public async Task PostAsync(int first, int count)
        {
            var wards = ThurrockFigures.Wards;
            await Parallel.ForEachAsync(Enumerable.Range(0, (count + PostSize - 1) / PostSize), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (p, ct) =>
            {
                var items = Enumerable.Range(first + p * PostSize, Math.Min(PostSize, count - p * PostSize)).Select(i => new
                {
                    source = "bench",
                    sourceId = $"r-{i}",
                    category = "anti-social-behaviour",
                    occurredAt = "2018-01",
                    latitude = wards[i % wards.Count].Seeds[0].Latitude,
                    longitude = wards[i % wards.Count].Seeds[0].Longitude,
                });
                var response = await writer.PostAsJsonAsync("/api/incidents", items, ct);
                response.EnsureSuccessStatusCode();
            });
        }

        /// <summary>Waits until the heat API counts exactly <paramref name="total"/> incidents over the wards.</summary>
        public async Task WaitCountedAsync(int total)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            while (true)
            {
                var heat = await reader.GetFromJsonAsync<JsonElement>("/api/heat?set=wards&group=asb&window=month&month=2018-01", timeout.Token);
                var counted = heat.GetProperty("areas").EnumerateArray().Sum(a => a.GetProperty("observed").GetInt32());
                if (counted == total) return;
                if (counted > total) throw new InvalidOperationException($"counted {counted:N0}, more than the {total:N0} stored");
                await Task.Delay(20, timeout.Token);
            }
        }

        /// <summary>SIGTERM: the server shuts down in order, as an operator's stop does.</summary>
        public async Task StopAsync()
        {
            const int sigterm = 15;
            if (SendSignal(process.Id, sigterm) != 0) throw new InvalidOperationException("could not signal the server");
            await process.WaitForExitAsync();
        }

        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        [DllImport("libc", EntryPoint = "kill")]
        private static extern int SendSignal(int pid, int signal);
    }
}
