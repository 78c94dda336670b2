using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Geography.Demo;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Testing;
using Npgsql;

namespace HotSpots.Host.Tests.Hosting;

/// <summary>A node on a PostgreSQL server of its own, which the test stops and starts again under a steady stream of posts.</summary>
public sealed class PostgresOutageTests
{
    [Fact]
    public async Task While_postgresql_restarts_under_a_stream_of_posts_they_get_503_never_a_false_ack_and_the_node_recovers_by_itself()
    {
        using var server = PostgresServer.Start();
        using var dir = new TempDirectory();
        await using var node = await HostProcess.StartAsync(
            "--HotSpots:Store:Provider=Postgres", "--HotSpots:Cluster:Provider=Postgres", $"--ConnectionStrings:HotSpots={server.ConnectionString}",
            $"--HotSpots:Cluster:GatewayPort={FreePorts.Next()}", $"--HotSpots:Store:Sqlite:Path={dir.File("local.db")}",
            "--HotSpots:Security:IngestKeys:0=ingest", "--HotSpots:Security:ViewerKeys:0=viewer", "--HotSpots:Demo:Feed=false");
        using var ingest = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        ingest.DefaultRequestHeaders.Add("X-Api-Key", "ingest");
        using var viewer = new HttpClient { BaseAddress = node.BaseAddress };
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "viewer");

        // About 40 posts a second: 2 s with PostgreSQL up, then stopped for 3 s, then up again until 20 posts after the
        // restart have been acknowledged.
        var acknowledged = new List<string>();
        var refused = new List<(HttpStatusCode Status, string? Title, string? RetryAfter)>();
        var clock = Stopwatch.StartNew();
        var (stoppedAt, restartedAt) = (TimeSpan.Zero, TimeSpan.Zero);
        var afterRestart = 0;
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
        for (var post = 0; afterRestart < 20 && clock.Elapsed < TimeSpan.FromSeconds(60) && await pace.WaitForNextTickAsync(); post++)
        {
            if (stoppedAt == TimeSpan.Zero && clock.Elapsed > TimeSpan.FromSeconds(2))
            {
                await Task.Run(server.Stop);
                stoppedAt = clock.Elapsed;
            }
            else if (restartedAt == TimeSpan.Zero && stoppedAt != TimeSpan.Zero && clock.Elapsed > stoppedAt + TimeSpan.FromSeconds(3))
            {
                await Task.Run(server.StartAgain);
                restartedAt = clock.Elapsed;
            }
            var id = $"o-{post}";
            var ward = ThurrockFigures.Wards[post % ThurrockFigures.Wards.Count];
            var response = await ingest.PostAsJsonAsync("/api/incidents", new
            {
                source = "essex-police",
                sourceId = id,
                category = "anti-social-behaviour",
                occurredAt = DateTimeOffset.UtcNow.AddMinutes(-2).ToString("O"),
                latitude = ward.Seeds[0].Latitude,
                longitude = ward.Seeds[0].Longitude,
            });
            if (response.IsSuccessStatusCode)
            {
                acknowledged.Add(id);
                if (restartedAt != TimeSpan.Zero) afterRestart++;
            }
            else
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                refused.Add((response.StatusCode, problem.TryGetProperty("title", out var title) ? title.GetString() : null, response.Headers.RetryAfter?.ToString()));
            }
        }

        Assert.True(afterRestart >= 20, $"the node did not take posts again after PostgreSQL restarted ({refused.Count} refused)");
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal((HttpStatusCode.ServiceUnavailable, "Storage unreachable", "10"), r));

        await using var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        await using var read = dataSource.CreateCommand("SELECT source_id FROM hotspots_incidents WHERE source = 'essex-police'");
        var stored = new HashSet<string>();
        await using (var rows = await read.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync()) stored.Add(rows.GetString(0));
        }
        Assert.Empty(acknowledged.Except(stored));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/health")).StatusCode);
        var counted = Stopwatch.StartNew();
        while (await ObservedAsync(viewer) != stored.Count)
        {
            Assert.True(counted.Elapsed < TimeSpan.FromSeconds(30), $"the heat does not count the {stored.Count} stored incidents");
            await Task.Yield();
        }
    }

    private static async Task<int> ObservedAsync(HttpClient viewer) =>
        (await viewer.GetFromJsonAsync<JsonElement>("/api/heat?set=wards&group=asb&window=24h")).GetProperty("areas").EnumerateArray().Sum(a => a.GetProperty("observed").GetInt32());
}
