using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Application.Monitoring;
using HotSpots.Geography.Demo;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Testing;

namespace HotSpots.Host.Tests.Hosting;

/// <summary>Three host processes clustered over one PostgreSQL database, as an operator runs them.</summary>
public sealed class ClusterTests : PostgresNodeTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string Heat = "/api/heat?set=wards&group=asb&window=24h";

    [Fact]
    public async Task An_incident_posted_to_one_node_reaches_a_dashboard_on_another_every_node_shows_the_same_heat_a_drill_alert_is_raised_once_and_a_new_zone_reaches_every_node()
    {
        var nodes = NodeSettings(3);
        await using var a = await HostProcess.StartAsync(nodes[0]);
        await using var b = await HostProcess.StartAsync(nodes[1]);
        await using var c = await HostProcess.StartAsync(nodes[2]);
        await using var onB = await HeatClient.ConnectAsync(b.BaseAddress, "viewer");
        await using var onC = await HeatClient.ConnectAsync(c.BaseAddress, "viewer");
        var before = await onC.SubscribeAsync("wards", "asb", "24h");

        var ward = ThurrockFigures.Wards[3];
        var posted = await Ingest(a).PostAsJsonAsync("/api/incidents", new[] { Incident("one", ward, DateTimeOffset.UtcNow.AddMinutes(-5)) });
        posted.EnsureSuccessStatusCode();

        var pushed = await onC.WaitForAsync(s => Observed(s, ward.Code) == Observed(before, ward.Code) + 1, TimeSpan.FromSeconds(10));
        foreach (var node in new[] { a, b, c }) Assert.Equal(Observed(pushed), Observed(await HeatAsync(node)));

        (await Admin(b).PostAsJsonAsync("/api/drills", new { scenario = "tilbury-fires" })).EnsureSuccessStatusCode();
        var raisedOnB = await onB.NextAlertAsync(e => e.Event == "AlertRaised", TimeSpan.FromSeconds(15));
        var raisedOnC = await onC.NextAlertAsync(e => e.Event == "AlertRaised", TimeSpan.FromSeconds(15));
        Assert.Equal(raisedOnB.Alert.Id, raisedOnC.Alert.Id);
        var alerts = await Viewer(a).GetFromJsonAsync<List<JsonElement>>("/api/alerts", Json);
        Assert.Single(alerts!, x => x.GetProperty("areaCode").GetString() == "E05002247");
        Assert.Single(new[] { a, b, c }, n => n.Output.Contains("The alert desk runs on", StringComparison.Ordinal));

        var zone = await Admin(a).PutAsJsonAsync("/api/zones/station", new { name = "Grays station", circle = new { latitude = 51.4762, longitude = 0.3220, radiusMetres = 150 } });
        Assert.Equal(HttpStatusCode.Accepted, zone.StatusCode);
        var revision = (await zone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt64();
        await onC.GeographyChangeAsync(revision, TimeSpan.FromSeconds(15));
        (await Viewer(c).GetAsync($"/api/geography?revision={revision}")).EnsureSuccessStatusCode();
        var zones = await Viewer(c).GetFromJsonAsync<HeatSnapshot>("/api/heat?set=zones&group=asb&window=24h", Json);
        Assert.Contains(zones!.Areas, z => z.Code == "station");
    }

    [Fact]
    public async Task A_front_node_takes_posts_answers_heat_and_pushes_while_the_grains_live_on_two_silos()
    {
        var nodes = NodeSettings(3);
        await using var a = await HostProcess.StartAsync(nodes[0]);
        await using var b = await HostProcess.StartAsync(nodes[1]);
        await using var front = await HostProcess.StartAsync([.. nodes[2], "--HotSpots:Node:Role=Front"]);
        await using var onFront = await HeatClient.ConnectAsync(front.BaseAddress, "viewer");
        var before = await onFront.SubscribeAsync("wards", "asb", "24h");

        var posted = ThurrockFigures.Wards.Take(5).Select((w, i) => Incident($"front-{i}", w, DateTimeOffset.UtcNow.AddMinutes(-3))).ToArray();
        (await Ingest(front).PostAsJsonAsync("/api/incidents", posted)).EnsureSuccessStatusCode();

        var pushed = await onFront.WaitForSetAsync(before, s => s.Values.Sum(x => x.Observed) == Observed(before) + 5, TimeSpan.FromSeconds(15));
        foreach (var node in new[] { a, b, front }) Assert.Equal(pushed.Values.Sum(x => x.Observed), Observed(await HeatAsync(node)));
        Assert.Equal(2, await ActiveSilosAsync());
        Assert.DoesNotContain("The alert desk runs on", front.Output);
        Assert.DoesNotContain("Area grains brought up", front.Output);
    }

    [Fact]
    public async Task A_node_killed_under_a_steady_stream_loses_nothing_acknowledged_its_alert_desk_moves_without_raising_again_and_it_rejoins()
    {
        var settings = NodeSettings(3);
        var nodes = new HostProcess[3];
        for (var i = 0; i < 3; i++) nodes[i] = await HostProcess.StartAsync(settings[i]);
        try
        {
            var desk = Array.FindIndex(nodes, n => n.Output.Contains("The alert desk runs on", StringComparison.Ordinal));
            Assert.True(desk >= 0, "no node runs the alert desk");
            var survivors = Enumerable.Range(0, 3).Where(i => i != desk).ToArray();
            await using var watchA = await HeatClient.ConnectAsync(nodes[survivors[0]].BaseAddress, "viewer");
            await using var watchB = await HeatClient.ConnectAsync(nodes[survivors[1]].BaseAddress, "viewer");
            var startA = await watchA.SubscribeAsync("wards", "asb", "24h");
            var startB = await watchB.SubscribeAsync("wards", "asb", "24h");
            (await Admin(nodes[survivors[0]]).PostAsJsonAsync("/api/drills", new { scenario = "tilbury-fires" })).EnsureSuccessStatusCode();
            var raised = await watchA.NextAlertAsync(e => e.Event == "AlertRaised", TimeSpan.FromSeconds(15));

            // About 200 incidents a second for 20 s, round-robin over the nodes in posts of 10; the desk's node dies after 5 s.
            var acknowledged = new HashSet<string>();
            var acknowledgedAfterKill = new HashSet<string>();
            var clients = nodes.Select(Ingest).ToArray();
            foreach (var client in clients) client.Timeout = TimeSpan.FromSeconds(5);
            var clock = Stopwatch.StartNew();
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
            var killed = false;
            // Posts are not awaited one by one, so the rate holds when answers slow down (the machine busy with other tests).
            var posts = new List<Task>();
            for (var post = 0; clock.Elapsed < TimeSpan.FromSeconds(20) && await pace.WaitForNextTickAsync(); post++)
            {
                if (!killed && clock.Elapsed > TimeSpan.FromSeconds(5))
                {
                    await nodes[desk].KillAsync();
                    killed = true;
                }
                var ids = Enumerable.Range(0, 10).Select(k => $"s-{post}-{k}").ToArray();
                var batch = ids.Select((id, k) => Incident(id, ThurrockFigures.Wards[(post + k) % ThurrockFigures.Wards.Count], DateTimeOffset.UtcNow.AddMinutes(-1))).ToArray();
                posts.Add(PostAsync(clients[post % 3], batch, ids, killed ? acknowledgedAfterKill : acknowledged));
            }
            await Task.WhenAll(posts);
            // The survivors kept taking posts after the kill (however slowly a busy machine let them).
            Assert.True(acknowledgedAfterKill.Count >= 500, $"only {acknowledgedAfterKill.Count} incidents were acknowledged after the kill");
            acknowledged.UnionWith(acknowledgedAfterKill);
            foreach (var client in clients) client.Dispose();

            // The independent count is the store's own: every acknowledged incident once, plus at most the few posts in
            // flight to the node when it died (stored, their answers lost).
            var stored = new HashSet<string>();
            await using (var read = Database.DataSource.CreateCommand("SELECT source_id FROM hotspots_incidents WHERE source = 'essex-police'"))
            await using (var rows = await read.ExecuteReaderAsync())
            {
                while (await rows.ReadAsync()) Assert.True(stored.Add(rows.GetString(0)));
            }
            Assert.Empty(acknowledged.Except(stored));
            Assert.InRange(stored.Count - acknowledged.Count, 0, 100);
            foreach (var i in survivors)
                await UntilAsync(async () => Observed(await HeatAsync(nodes[i])) == stored.Count, TimeSpan.FromSeconds(30), $"node {i} counts what was stored");
            await watchA.WaitForSetAsync(startA, s => s.Values.Sum(a => a.Observed) == stored.Count, TimeSpan.FromSeconds(10));
            await watchB.WaitForSetAsync(startB, s => s.Values.Sum(a => a.Observed) == stored.Count, TimeSpan.FromSeconds(10));

            await UntilAsync(() => Task.FromResult(survivors.Any(i => nodes[i].Output.Contains("The alert desk runs on", StringComparison.Ordinal))), TimeSpan.FromSeconds(30), "the alert desk moved to a survivor");
            var drillAlerts = (await Viewer(nodes[survivors[1]]).GetFromJsonAsync<List<JsonElement>>("/api/alerts", Json))!
                .Where(x => x.GetProperty("areaCode").GetString() == "E05002247").ToList();
            Assert.Equal(raised.Alert.Id, Assert.Single(drillAlerts).GetProperty("id").GetString());
            Assert.DoesNotContain(watchB.TakeAlerts(), e => e.Event == "AlertRaised" && e.Alert.Id != raised.Alert.Id);

            nodes[desk] = await HostProcess.StartAsync(settings[desk]);
            await UntilAsync(async () => await ActiveSilosAsync() == 3, TimeSpan.FromSeconds(30), "the restarted node is active again");
            await UntilAsync(async () => Observed(await HeatAsync(nodes[desk])) == stored.Count, TimeSpan.FromSeconds(30), "the restarted node shows the same heat");
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    private string[][] NodeSettings(int count) => [.. Enumerable.Range(0, count).Select(i => (string[])
    [
        .. NodeBasics($"node{i}"), $"--urls=http://127.0.0.1:{FreePorts.Next()}",
        "--HotSpots:Security:IngestKeys:0=ingest", "--HotSpots:Security:ViewerKeys:0=viewer", "--HotSpots:Security:AdminKeys:0=admin",
    ])];

    /// <summary>Posts one batch; its ids count as acknowledged only when the node answered that it stored every one.</summary>
    private static async Task PostAsync(HttpClient client, object[] batch, string[] ids, HashSet<string> acknowledged)
    {
        try
        {
            var response = await client.PostAsJsonAsync("/api/incidents", batch);
            if (!response.IsSuccessStatusCode || (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32() != ids.Length) return;
            lock (acknowledged) acknowledged.UnionWith(ids);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // The killed node refuses connections: what it did not acknowledge is not counted as acknowledged.
        }
    }

    private async Task<long> ActiveSilosAsync()
    {
        await using var members = Database.DataSource.CreateCommand("SELECT count(*) FROM OrleansMembershipTable WHERE Status = 3");
        return (long)(await members.ExecuteScalarAsync())!;
    }

    private static object Incident(string id, ThurrockFigures.DemoWard ward, DateTimeOffset at) => new
    {
        source = "essex-police",
        sourceId = id,
        category = "anti-social-behaviour",
        occurredAt = at.ToString("O"),
        latitude = ward.Seeds[0].Latitude,
        longitude = ward.Seeds[0].Longitude,
    };

    private static double Observed(HeatSnapshot heat) => heat.Areas.Sum(a => a.Observed);

    private static double Observed(HeatSnapshot heat, string code) => heat.Areas.Single(a => a.Code == code).Observed;

    private static async Task<HeatSnapshot> HeatAsync(HostProcess node) => (await Viewer(node).GetFromJsonAsync<HeatSnapshot>(Heat, Json))!;

    private static HttpClient Ingest(HostProcess node) => Client(node, c => c.DefaultRequestHeaders.Add("X-Api-Key", "ingest"));

    private static HttpClient Viewer(HostProcess node) => Client(node, c => c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "viewer"));

    private static HttpClient Admin(HostProcess node) => Client(node, c => c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "admin"));

    private static HttpClient Client(HostProcess node, Action<HttpClient> authorize)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress };
        authorize(client);
        return client;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout) Assert.Fail($"within {timeout.TotalSeconds} s: {what}");
            await Task.Yield();
        }
    }
}
