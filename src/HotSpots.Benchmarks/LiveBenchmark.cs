using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HotSpots.Application.Monitoring;
using HotSpots.Geography.Demo;
using HotSpots.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Benchmarks;

/// <summary>
/// Post-to-push latency: the real server in its own process (fresh SQLite file, demo wards, no demo feed), dashboard
/// clients subscribed over SignalR, and incidents posted at a steady rate in batches, each batch to one ward. A client
/// that receives a ward's observed count N has seen every batch that brought that ward to N or less; the latency of
/// a batch for a client is from just before its POST to that moment.
/// </summary>
internal static class LiveBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rate = int.Parse(Paths.Option(args, "--rate", "1000"));
        var batchSize = int.Parse(Paths.Option(args, "--batch", "10"));
        var clientCount = int.Parse(Paths.Option(args, "--clients", "50"));
        var seconds = int.Parse(Paths.Option(args, "--seconds", "20"));
        // Seconds of the same load first, not measured: the tiered JIT and the first activations of grains are behind it.
        var warmup = int.Parse(Paths.Option(args, "--warmup", "0"));
        var nodeCount = int.Parse(Paths.Option(args, "--nodes", "1"));
        var postgres = Paths.Option(args, "--postgres", "");
        // Another build's server (the commit before a change) under the same load and measurement.
        var hostDir = Path.GetFullPath(Paths.Option(args, "--host", AppContext.BaseDirectory));
        if (nodeCount > 1 && postgres.Length == 0)
        {
            Console.Error.WriteLine("--nodes needs --postgres <connection string> (an empty database): nodes cluster over PostgreSQL");
            return 2;
        }
        var dir = Directory.CreateTempSubdirectory("hotspots-live-bench-").FullName;

        var servers = new List<Process>();
        try
        {
            var addresses = new List<string>();
            for (var n = 0; n < nodeCount; n++)
            {
                string[] settings = postgres.Length == 0 ? [] :
                [
                    "--HotSpots:Store:Provider=Postgres", "--HotSpots:Cluster:Provider=Postgres", $"--ConnectionStrings:HotSpots={postgres}",
                    $"--HotSpots:Cluster:SiloPort={11311 + n}", $"--HotSpots:Cluster:GatewayPort={30311 + n}",
                    $"--HotSpots:Store:Sqlite:Path={Path.Combine(dir, $"node{n}.db")}",
                ];
                servers.Add(StartServer(hostDir, dir, out var listening, settings));
                addresses.Add(await listening.WaitAsync(TimeSpan.FromSeconds(60)));
            }
            Console.WriteLine($"Live benchmark: {nodeCount} node(s) at {string.Join(", ", addresses)}{(postgres.Length > 0 ? " over PostgreSQL" : "")}, {clientCount} clients spread over them, {rate} incidents/s in batches of {batchSize} (round-robin over the nodes) for {seconds} s{(warmup > 0 ? $" after {warmup} s of the same load, not measured" : "")}");

            var wards = ThurrockFigures.Wards;
            var posts = new ConcurrentDictionary<(string Ward, int Cumulative), long>();
            var clients = new List<Client>();
            for (var i = 0; i < clientCount; i++) clients.Add(await Client.ConnectAsync(new Uri(addresses[i % nodeCount]), posts));

            var https = addresses.Select(a => new HttpClient { BaseAddress = new Uri(a) }).ToList();
            foreach (var http in https) http.DefaultRequestHeaders.Add("X-Api-Key", "bench-ingest");
            var batchesPerSecond = (double)rate / batchSize;
            var total = (int)(batchesPerSecond * seconds);
            var warming = (int)(batchesPerSecond * warmup);
            var cumulative = new int[wards.Count];
            var inFlight = new List<Task>();
            var clock = Stopwatch.StartNew();
            var postsBegan = Stopwatch.GetTimestamp();
            var measuredFrom = TimeSpan.Zero;
            var failures = 0;
            var acks = new ConcurrentQueue<(long Sent, double Milliseconds)>();
            for (var b = 0; b < warming + total; b++)
            {
                if (b == warming) (postsBegan, measuredFrom) = (Stopwatch.GetTimestamp(), clock.Elapsed);
                var due = TimeSpan.FromSeconds(b / batchesPerSecond);
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
                var w = b % wards.Count;
                var seed = wards[w].Seeds[0];
                var items = Enumerable.Range(0, batchSize).Select(k => new
                {
                    source = "bench",
                    sourceId = $"{b}-{k}",
                    category = "anti-social-behaviour",
                    occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"),
                    latitude = seed.Latitude,
                    longitude = seed.Longitude,
                }).ToList();
                cumulative[w] += batchSize;
                if (b >= warming) posts[(wards[w].Code, cumulative[w])] = Stopwatch.GetTimestamp();
                inFlight.Add(Post(https[b % nodeCount], items, () => Interlocked.Increment(ref failures), b >= warming ? acks : null));
            }
            await Task.WhenAll(inFlight);
            var postedIn = clock.Elapsed - measuredFrom;

            var expected = wards.Select((w, i) => (w.Code, cumulative[i])).Where(x => x.Item2 > 0).ToList();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Task.WhenAll(clients.Select(c => c.WhenCaughtUp(expected, wait.Token)));

            var samples = clients.SelectMany(c => c.Latencies).ToList();
            var latencies = samples.Select(l => l.Milliseconds).Order().ToList();
            Console.WriteLine($"  posted               {total * batchSize,10:N0} incidents in {postedIn.TotalSeconds:N1} s ({total * batchSize / postedIn.TotalSeconds:N0}/s), {failures} failed posts");
            Console.WriteLine($"  pushes received      {clients.Sum(c => c.Pushes),10:N0} HeatChanged messages ({clients.Sum(c => c.Pushes) / (double)clientCount / postedIn.TotalSeconds:N1} a second per client)");
            Console.WriteLine($"  samples              {latencies.Count,10:N0} (batch, client) pairs");
            Console.WriteLine($"  post-to-push p50     {Percentile(latencies, 0.50),10:N1} ms");
            Console.WriteLine($"  post-to-push p99     {Percentile(latencies, 0.99),10:N1} ms");
            Console.WriteLine($"  post-to-push max     {latencies.LastOrDefault(),10:N1} ms");
            // Posts acknowledged late (the store's commit) against pushes late after a timely acknowledgement (reader, grains, hub).
            Console.WriteLine($"  post-to-ack p99      {Percentile([.. acks.Select(a => a.Milliseconds).Order()], 0.99),10:N1} ms");
            Console.WriteLine($"  p99 by time of post  {BySlice(samples, postsBegan)} ms");
            Console.WriteLine($"  ack p99 by time      {BySlice([.. acks], postsBegan)} ms");

            foreach (var c in clients) await c.DisposeAsync();
            foreach (var http in https) http.Dispose();
            return 0;
        }
        finally
        {
            // Also when the clients never catch up: servers left running would hold the machine (and its build lock).
            foreach (var server in servers)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
                server.Dispose();
            }
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task Post(HttpClient http, object items, Action failed, ConcurrentQueue<(long Sent, double Milliseconds)>? acks)
    {
        var sent = Stopwatch.GetTimestamp();
        var response = await http.PostAsJsonAsync("/api/incidents", items);
        if (!response.IsSuccessStatusCode) failed();
        acks?.Enqueue((sent, Stopwatch.GetElapsedTime(sent).TotalMilliseconds));
    }

    /// <summary>The p99 of each 5 s of posts: whether the tail comes from the first seconds (warm-up, grains activating) or runs through the whole load.</summary>
    private static string BySlice(IEnumerable<(long Sent, double Milliseconds)> samples, long began) =>
        string.Join(" | ", samples.GroupBy(l => (int)(Stopwatch.GetElapsedTime(began, l.Sent).TotalSeconds / 5))
            .OrderBy(g => g.Key).Select(g => $"{g.Key * 5}-{g.Key * 5 + 5} s: {Percentile([.. g.Select(l => l.Milliseconds).Order()], 0.99):N0}"));

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>The real server as its own process, on a fresh store in <paramref name="dir"/>, with the benchmark's keys.</summary>
    public static Process StartServer(string dir, out Task<string> listening, params string[] settings) =>
        StartServer(AppContext.BaseDirectory, dir, out listening, settings);

    /// <summary>As above, with the host built in <paramref name="hostDir"/> (another commit's, to compare).</summary>
    public static Process StartServer(string hostDir, string dir, out Task<string> listening, params string[] settings)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        foreach (var a in new[]
        {
            Path.Combine(hostDir, "HotSpots.Host.dll"), "--urls=http://127.0.0.1:0",
            $"--HotSpots:Store:Sqlite:Path={Path.Combine(dir, "live.db")}", "--HotSpots:Demo:Feed=false",
            "--HotSpots:Security:IngestKeys:0=bench-ingest", "--HotSpots:Security:ViewerKeys:0=bench-viewer",
            "--Logging:LogLevel:Default=Warning",
        }.Concat(settings))
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info)!;
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("HotSpots listening on ", StringComparison.Ordinal) == true) ready.TrySetResult(e.Data["HotSpots listening on ".Length..].Trim());
        };
        process.ErrorDataReceived += (_, e) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        listening = ready.Task;
        return process;
    }

    private sealed class Client : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly ConcurrentDictionary<(string, int), long> _posts;
        private readonly Dictionary<string, int> _seen = [];
        private readonly Lock _lock = new();
        private readonly List<(List<(string Code, int Count)> Expected, TaskCompletionSource Done)> _waiters = [];

        private Client(HubConnection connection, ConcurrentDictionary<(string, int), long> posts)
        {
            _connection = connection;
            _posts = posts;
            connection.On<HeatSnapshot>("HeatChanged", OnHeatChanged);
        }

        /// <summary>Each sample's post time (a <see cref="Stopwatch"/> timestamp) and its post-to-push latency.</summary>
        public List<(long Sent, double Milliseconds)> Latencies { get; } = [];

        public int Pushes { get; private set; }

        public static async Task<Client> ConnectAsync(Uri server, ConcurrentDictionary<(string, int), long> posts)
        {
            var hub = new Uri(server, "/hubs/heat");
            var builder = new HubConnectionBuilder();
            builder.Services.AddSingleton<IConnectionFactory>(new WebSocketConnectionFactory(hub, "bench-viewer"));
            builder.Services.AddSingleton<EndPoint>(new UriEndPoint(hub));
            var client = new Client(builder.Build(), posts);
            await client._connection.StartAsync();
            await client._connection.InvokeAsync<HeatSnapshot>("Subscribe", new { set = "wards", group = "asb", window = "24h" });
            return client;
        }

        public Task WhenCaughtUp(List<(string Code, int Count)> expected, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (expected.All(e => _seen.GetValueOrDefault(e.Code) >= e.Count)) return Task.CompletedTask;
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((expected, done));
                return done.Task.WaitAsync(cancellationToken);
            }
        }

        public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

        private void OnHeatChanged(HeatSnapshot update)
        {
            var now = Stopwatch.GetTimestamp();
            lock (_lock)
            {
                Pushes++;
                foreach (var area in update.Areas)
                {
                    var from = _seen.GetValueOrDefault(area.Code);
                    // Counts, not harm sums: the benchmark runs without harm weights.
                    var observed = (int)area.Observed;
                    for (var n = from + 1; n <= observed; n++)
                    {
                        if (_posts.TryGetValue((area.Code, n), out var sent)) Latencies.Add((sent, Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds));
                    }
                    if (observed > from) _seen[area.Code] = observed;
                }
                foreach (var waiter in _waiters.Where(w => w.Expected.All(e => _seen.GetValueOrDefault(e.Code) >= e.Count)).ToList())
                {
                    waiter.Done.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }
    }
}
