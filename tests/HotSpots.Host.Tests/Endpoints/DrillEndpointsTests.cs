using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Application.Drills;
using HotSpots.Application.Monitoring;
using HotSpots.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Host.Tests.Endpoints;

public sealed class DrillEndpointsTests : ServerTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_drill_of_6_fires_in_Tilbury_St_Chads_reaches_the_hub_tagged_as_a_drill_and_shows_as_drills_in_the_heat()
    {
        await using var client = await HeatClient.ConnectAsync(Server.BaseAddress, HotSpotsServer.ViewerKey);
        await client.SubscribeAsync("wards", "deliberate-fires", "24h");

        var response = await Server.Admin().PostAsJsonAsync("/api/drills", new { scenario = "tilbury-fires" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var run = (await response.Content.ReadFromJsonAsync<DrillRun>(Json))!;
        Assert.Equal(("E05002247", "Tilbury St Chads", 6, 6), (run.AreaCode, run.AreaName, run.Count, run.Accepted));
        var announced = await client.NextDrillAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(run.Id, announced.Id);
        Assert.Equal("6 deliberate secondary fires in Tilbury St Chads within 3 hours", announced.Description);
        var update = await client.WaitForAsync(u => u.Areas.Any(a => a.Code == "E05002247" && a.Observed == 6), TimeSpan.FromSeconds(5));
        Assert.Equal(6, update.Areas.Single(a => a.Code == "E05002247").Drills);

        var heat = (await Server.Viewer().GetFromJsonAsync<HeatSnapshot>("/api/heat?group=deliberate-fires&window=24h", Json))!;
        var tilbury = heat.Areas.Single(a => a.Code == "E05002247");
        Assert.Equal((6, 6, 0d), (tilbury.Observed, tilbury.Drills, tilbury.Expected));
    }

    [Fact]
    public async Task A_drill_with_a_key_given_twice_is_400_naming_the_key_and_runs_nothing()
    {
        var body = new StringContent("""{"scenario":"tilbury-fires","count":2,"count":50}""", System.Text.Encoding.UTF8, "application/json");

        var response = await Server.Admin().PostAsync("/api/drills", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'count'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Empty(await Server.Services.GetRequiredService<HotSpots.Store.IIncidentStore>().ReadAfterAsync(0, 10));
    }

    [Fact]
    public async Task Drills_need_an_admin_key_and_a_known_scenario_and_area()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.Viewer().PostAsJsonAsync("/api/drills", new { scenario = "tilbury-fires" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Client().PostAsJsonAsync("/api/drills", new { scenario = "tilbury-fires" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.Admin().PostAsJsonAsync("/api/drills", new { area = "Grays" })).StatusCode);

        var unknown = await Server.Admin().PostAsJsonAsync("/api/drills", new { scenario = "flood" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("tilbury-fires", await unknown.Content.ReadAsStringAsync());
        var nowhere = await Server.Admin().PostAsJsonAsync("/api/drills", new { scenario = "grays-asb", area = "Atlantis" });
        Assert.Contains("no ward or zone 'Atlantis'", await nowhere.Content.ReadAsStringAsync());

        var scenarios = await Server.Viewer().GetFromJsonAsync<List<JsonElement>>("/api/drills/scenarios", Json);
        Assert.Contains(scenarios!, s => s.GetProperty("name").GetString() == "tilbury-fires");
    }

    [Theory]
    [InlineData("drill", "drills are run by an administrator")]
    [InlineData("replay", "replayed incidents go to a replay store")]
    [InlineData("rehearsal", "origin 'rehearsal' is not recorded, drill or replay")]
    public async Task Partners_cannot_post_drills_or_replays_into_the_live_store(string origin, string reason)
    {
        var response = await Server.PostAsync(new
        {
            source = "essex-police",
            sourceId = "o-1",
            category = "anti-social-behaviour",
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"),
            latitude = 51.4757,
            longitude = 0.3217,
            origin,
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task A_count_outside_what_a_drill_allows_is_400_naming_count(int count)
    {
        var response = await Server.Admin().PostAsJsonAsync("/api/drills", new { scenario = "grays-asb", count });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"count must be from 1 to 1000, not {count}", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(1e308)]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(673)]
    public async Task A_window_outside_what_a_drill_allows_is_400_naming_withinHours(double withinHours)
    {
        var response = await Server.Admin().PostAsJsonAsync("/api/drills", new { scenario = "grays-asb", withinHours });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("withinHours must be more than 0 and at most 672", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
