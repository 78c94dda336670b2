using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Application.Monitoring;
using HotSpots.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Host.Tests.Endpoints;

public sealed class ReadingEndpointsTests : ServerTests
{
    [Theory]
    [InlineData("/api/heat")]
    [InlineData("/api/areas")]
    [InlineData("/api/status")]
    public async Task Reading_needs_a_viewer_key(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Client().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Client(viewerKey: "guess").GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Server.Viewer().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Areas_are_GeoJSON_and_say_the_demo_geography_is_in_use()
    {
        var wards = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/areas?set=wards");
        var zones = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/areas?set=zones");

        Assert.Equal("FeatureCollection", wards.GetProperty("type").GetString());
        Assert.Equal("demo", wards.GetProperty("geography").GetString());
        Assert.Contains("approximate", wards.GetProperty("note").GetString());
        Assert.Equal(20, wards.GetProperty("features").GetArrayLength());
        Assert.Contains(wards.GetProperty("features").EnumerateArray(), f => f.GetProperty("properties").GetProperty("name").GetString() == "Grays Riverside");
        Assert.Equal(3, zones.GetProperty("features").GetArrayLength());
    }

    [Fact]
    public async Task Heat_reports_every_area_with_observed_expected_and_score_after_an_incident()
    {
        await Server.PostAsync(HotSpotsServer.Incident("h1", category: "youth-nuisance"));
        await Server.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(1).WaitAsync(TimeSpan.FromSeconds(10));

        var heat = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/heat?set=wards&group=asb&window=24h");

        Assert.Equal(("wards", "asb", "24h", "demo"),
            (heat.GetProperty("set").GetString(), heat.GetProperty("group").GetString(), heat.GetProperty("window").GetString(), heat.GetProperty("geography").GetString()));
        var areas = heat.GetProperty("areas").EnumerateArray().ToList();
        Assert.Equal(20, areas.Count);
        var grays = areas.Single(a => a.GetProperty("code").GetString() == "E05002235");
        Assert.Equal(1, grays.GetProperty("observed").GetInt32());
        Assert.True(grays.GetProperty("score").GetDouble() > 0);
        Assert.True(grays.TryGetProperty("expected", out _));
    }

    [Fact]
    public async Task A_calendar_month_counts_month_precision_incidents()
    {
        await Server.PostAsync(new[]
        {
            new { source = "essex-police", sourceId = "m1", category = "drugs", occurredAt = "2018-01", latitude = 51.4757, longitude = 0.3217 },
            new { source = "essex-police", sourceId = "m2", category = "drugs", occurredAt = "2018-02", latitude = 51.4757, longitude = 0.3217 },
        });
        await Server.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(2).WaitAsync(TimeSpan.FromSeconds(10));

        var january = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/heat?set=wards&group=all&window=month&month=2018-01");

        Assert.Equal("2018-01", january.GetProperty("month").GetString());
        Assert.Equal(1, january.GetProperty("areas").EnumerateArray().Sum(a => a.GetProperty("observed").GetInt32()));
    }

    [Theory]
    [InlineData("set=parishes")]
    [InlineData("group=fires")]
    [InlineData("window=5d")]
    [InlineData("window=month&month=January")]
    public async Task A_selection_that_does_not_exist_is_400_saying_what_is_allowed(string query)
    {
        var response = await Server.Viewer().GetAsync($"/api/heat?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
