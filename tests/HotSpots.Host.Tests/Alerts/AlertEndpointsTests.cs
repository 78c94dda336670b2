using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Application.Monitoring;
using HotSpots.Host.Alerts;
using HotSpots.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Host.Tests.Alerts;

public sealed class AlertEndpointsTests : ServerTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_drill_of_6_fires_in_one_ward_raises_exactly_one_alert_which_a_real_SignalR_client_receives()
    {
        await using var client = await HeatClient.ConnectAsync(Server.BaseAddress, HotSpotsServer.ViewerKey);

        var drill = await Server.Admin().PostAsJsonAsync("/api/drills", new { scenario = "tilbury-fires" });
        Assert.Equal(HttpStatusCode.Created, drill.StatusCode);

        var (name, alert) = await client.NextAlertAsync(a => a.Event == "AlertRaised", TimeSpan.FromSeconds(10));
        Assert.Equal(("wards", "E05002247", "Tilbury St Chads", "deliberate-fires"), (alert.AreaSet, alert.AreaCode, alert.AreaName, alert.Group));
        Assert.Equal("open", alert.Status);
        Assert.Equal(6, alert.Observed);
        Assert.Equal("drill", alert.Origin);
        Assert.StartsWith("DRILL (training, not real incidents): 6 deliberate fires in Tilbury St Chads", alert.Explanation);
        Assert.Contains(alert.Evidence, e => e.RuleId == "fires-24h");

        var all = await Server.Viewer().GetFromJsonAsync<List<AlertView>>("/api/alerts", Json);
        var only = Assert.Single(all!);
        Assert.Equal(alert.Id, only.Id);
        Assert.DoesNotContain(client.TakeAlerts(), a => a.Event == "AlertRaised");
    }

    [Fact]
    public async Task An_analyst_acknowledges_with_a_note_and_every_viewer_hears_of_it_then_resolves_it()
    {
        await using var watcher = await HeatClient.ConnectAsync(Server.BaseAddress, HotSpotsServer.ViewerKey);
        await Server.Admin().PostAsJsonAsync("/api/drills", new { scenario = "tilbury-fires" });
        var (_, raised) = await watcher.NextAlertAsync(a => a.Event == "AlertRaised", TimeSpan.FromSeconds(10));

        var refused = await Server.Viewer().PostAsJsonAsync($"/api/alerts/{raised.Id}/acknowledge", new { note = "seen" });
        var acknowledged = await Server.Analyst().PostAsJsonAsync($"/api/alerts/{raised.Id}/acknowledge", new { note = "Patrol tasked for tonight" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var (_, update) = await watcher.NextAlertAsync(a => a.Event == "AlertUpdated" && a.Alert.Status == "acknowledged", TimeSpan.FromSeconds(10));
        Assert.Equal(("analyst", "Patrol tasked for tonight"), (update.HandledBy, update.Note));

        var resolved = await Server.Analyst().PostAsync($"/api/alerts/{raised.Id}/resolve", null);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        await watcher.NextAlertAsync(a => a.Event == "AlertResolved" && a.Alert.Id == raised.Id, TimeSpan.FromSeconds(10));
        var open = await Server.Viewer().GetFromJsonAsync<List<AlertView>>("/api/alerts?status=open", Json);
        Assert.Empty(open!);
        var stored = await Server.Viewer().GetFromJsonAsync<AlertView>($"/api/alerts/{raised.Id}", Json);
        Assert.Equal(("resolved", "Patrol tasked for tonight"), (stored!.Status, stored.Note));
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Analyst().PostAsync($"/api/alerts/{raised.Id}/resolve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.Viewer().GetAsync("/api/alerts?status=closed")).StatusCode);
    }

    [Fact]
    public async Task An_admin_changes_the_rules_through_the_API_and_a_bad_rule_is_refused_with_the_reason()
    {
        var bad = await Server.Admin().PutAsJsonAsync("/api/alert-rules/fires-1h", new { method = "threshold", group = "fireworks", count = 2 });
        var good = await Server.Admin().PutAsJsonAsync("/api/alert-rules/asb-2h", new { method = "threshold", group = "asb", count = 3, window = "02:00:00", severity = "high" });
        var byViewer = await Server.Viewer().PutAsJsonAsync("/api/alert-rules/x", new { method = "threshold", group = "asb" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("group 'fireworks'", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        var unbound = await Server.Admin().PutAsJsonAsync("/api/alert-rules/asb-soon", new { method = "threshold", group = "asb", window = "soon" });
        Assert.Equal(HttpStatusCode.BadRequest, unbound.StatusCode);
        Assert.Contains("$.window", await unbound.Content.ReadAsStringAsync());
        var rules = await Server.Viewer().GetFromJsonAsync<List<JsonElement>>("/api/alert-rules", Json);
        Assert.Contains(rules!, r => r.GetProperty("id").GetString() == "asb-2h");
        Assert.Equal(HttpStatusCode.NoContent, (await Server.Admin().DeleteAsync("/api/alert-rules/asb-2h")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Admin().DeleteAsync("/api/alert-rules/asb-2h")).StatusCode);
    }

    [Fact]
    public async Task A_cusum_with_a_billion_day_run_length_is_refused_at_once_naming_the_parameter()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        var response = await Server.Admin().PutAsJsonAsync("/api/alert-rules/asb-slow", new { method = "cusum", group = "asb", runLengthDays = 1e9 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("runLengthDays must be from 2 to 3650", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("since=0001-01-01", "since 0001-01-01 is not from 1970-01-01 to 2199-12-31")]
    [InlineData("since=9999-12-31T23:59:59Z", "since 9999-12-31 is not from 1970-01-01 to 2199-12-31")]
    [InlineData("group=fireworks", "group 'fireworks' is not asb, deliberate-fires, violence, all or a category")]
    [InlineData("status=closed", "status 'closed' is not open, acknowledged or resolved")]
    public async Task An_alert_filter_out_of_range_is_400_naming_the_parameter(string query, string detail)
    {
        var response = await Server.Viewer().GetAsync($"/api/alerts?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Saving_the_most_demanding_CUSUM_a_rule_allows_does_not_hold_up_a_drills_alert()
    {
        // Fifty ASB incidents a day for four weeks in Grays: a high baseline rate, which with the smallest shift and the
        // longest hourly run length made a design that took minutes inside evaluation.
        var start = DateTimeOffset.UtcNow.AddDays(-29);
        await Server.PostAsync(Enumerable.Range(0, 1_400).Select(i => HotSpotsServer.Incident($"b{i}", at: start.AddMinutes(i * 28.8))).ToArray());
        await Server.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(1_400).WaitAsync(TimeSpan.FromSeconds(30));
        await using var client = await HeatClient.ConnectAsync(Server.BaseAddress, HotSpotsServer.ViewerKey);

        var saved = await Server.Admin().PutAsJsonAsync("/api/alert-rules/asb-slow-shift",
            new { method = "cusum", group = "asb", shiftRatio = 1.05, runLengthDays = 3650, hourly = true });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await Server.Admin().PostAsJsonAsync("/api/drills", new { scenario = "tilbury-fires" });

        var (_, alert) = await client.NextAlertAsync(a => a.Event == "AlertRaised" && a.Alert.Group == "deliberate-fires", TimeSpan.FromSeconds(10));
        Assert.Equal("E05002247", alert.AreaCode);
    }
}
