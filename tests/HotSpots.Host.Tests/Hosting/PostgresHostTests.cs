using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Geography.Demo;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Testing;

namespace HotSpots.Host.Tests.Hosting;

public sealed class PostgresHostTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_node_on_postgresql_counts_what_it_acknowledged_lists_itself_in_the_membership_and_keeps_every_count_after_a_kill()
    {
        using var dir = new TempDirectory();
        string[] settings =
        [
            "--HotSpots:Store:Provider=Postgres", "--HotSpots:Cluster:Provider=Postgres", $"--ConnectionStrings:HotSpots={_database.ConnectionString}",
            // A node keeps its ports across restarts, so its new generation replaces the killed one in the membership at once.
            $"--HotSpots:Cluster:SiloPort={FreePorts.Next()}", $"--HotSpots:Cluster:GatewayPort={FreePorts.Next()}",
            // Files a node keeps for itself (generated keys, session keys) go beside this path, not into the test's output folder.
            $"--HotSpots:Store:Sqlite:Path={dir.File("local.db")}",
            "--HotSpots:Security:IngestKeys:0=ingest", "--HotSpots:Security:ViewerKeys:0=viewer", "--HotSpots:Demo:Feed=false",
        ];
        var wards = ThurrockFigures.Wards;
        var items = Enumerable.Range(0, 2_000).Select(i => new
        {
            source = "essex-police",
            sourceId = $"pg-{i}",
            category = "anti-social-behaviour",
            occurredAt = "2018-03",
            latitude = wards[i % wards.Count].Seeds[0].Latitude,
            longitude = wards[i % wards.Count].Seeds[0].Longitude,
        }).ToList();

        await using (var first = await HostProcess.StartAsync(settings))
        {
            Assert.Contains($"PostgreSQL database", first.Output);
            using var ingest = new HttpClient { BaseAddress = first.BaseAddress };
            ingest.DefaultRequestHeaders.Add("X-Api-Key", "ingest");
            var response = await ingest.PostAsJsonAsync("/api/incidents", items);
            Assert.Equal(2_000, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
            var again = await ingest.PostAsJsonAsync("/api/incidents", items.Take(10));
            Assert.Equal(10, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicates").GetInt32());
            await AssertCountedAsync(first, 2_000);
            await using var members = _database.DataSource.CreateCommand("SELECT count(*) FROM OrleansMembershipTable WHERE Status = 3");
            Assert.Equal(1L, await members.ExecuteScalarAsync());
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(settings);
        await AssertCountedAsync(second, 2_000);
    }

    /// <summary>Heat over every ward for March 2018 counts exactly <paramref name="total"/>, each ward its share.</summary>
    private static async Task AssertCountedAsync(HostProcess host, int total)
    {
        using var viewer = new HttpClient { BaseAddress = host.BaseAddress };
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "viewer");
        var status = await viewer.GetFromJsonAsync<JsonElement>("/api/status");
        await WhenAppliedAsync(viewer, status.GetProperty("incidents").GetInt64());
        var heat = await viewer.GetFromJsonAsync<JsonElement>("/api/heat?set=wards&group=asb&window=month&month=2018-03");
        var observed = heat.GetProperty("areas").EnumerateArray().Select(a => a.GetProperty("observed").GetInt32()).ToList();
        Assert.Equal(total, observed.Sum());
        Assert.All(observed, o => Assert.Equal(total / ThurrockFigures.Wards.Count, o));
    }

    private static async Task WhenAppliedAsync(HttpClient viewer, long stored)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await viewer.GetFromJsonAsync<JsonElement>("/api/status", timeout.Token)).GetProperty("appliedSequence").GetInt64() < stored)
            await Task.Yield();
    }
}
