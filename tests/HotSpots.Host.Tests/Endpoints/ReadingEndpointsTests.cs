using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Application.Areas;
using HotSpots.Application.Monitoring;
using HotSpots.Geography;
using HotSpots.Host.Live;
using HotSpots.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
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
    [InlineData("at=yesterday")]
    [InlineData("at=2001-01-01T00:00:00Z")]
    [InlineData("window=month&at=2001-01-01T00:00:00Z")]
    public async Task A_selection_that_does_not_exist_is_400_saying_what_is_allowed(string query)
    {
        var response = await Server.Viewer().GetAsync($"/api/heat?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Heat_limited_to_a_locality_is_the_whole_ward_sets_answer_cut_down_to_its_wards_in_the_same_order()
    {
        var wards = Server.Services.GetRequiredService<ICurrentGeography>().Geography.Wards.Areas;
        var random = new Random(17);
        var incidents = new List<object>();
        foreach (var (name, count) in new[] { ("Grays Riverside", 3), ("Tilbury St Chads", 2), ("Ockendon", 4) })
        {
            var sampler = new AreaSampler(wards.Single(a => a.Name == name));
            for (var i = 0; i < count; i++)
            {
                var (lat, lon) = sampler.Next(random);
                incidents.Add(HotSpotsServer.Incident($"{name}-{i}", lat: lat, lon: lon));
            }
        }
        await Server.PostAsync(incidents);
        await Server.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(incidents.Count).WaitAsync(TimeSpan.FromSeconds(10));
        string[] patch = ["E05002247", "E05002235"];
        Assert.Equal(HttpStatusCode.Created, (await Server.Admin().PutAsJsonAsync("/api/localities/riverside", new { name = "Riverside LAG", wards = patch })).StatusCode);

        var whole = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/heat?set=wards&group=asb&window=24h");
        var limited = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/heat?set=wards&group=asb&window=24h&locality=riverside");

        var expected = whole.GetProperty("areas").EnumerateArray().Where(a => patch.Contains(a.GetProperty("code").GetString())).Select(a => a.GetRawText()).ToList();
        Assert.Equal(expected, limited.GetProperty("areas").EnumerateArray().Select(a => a.GetRawText()));
        Assert.Equal(5, limited.GetProperty("areas").EnumerateArray().Sum(a => a.GetProperty("observed").GetInt32()));
        Assert.Equal(9, whole.GetProperty("areas").EnumerateArray().Sum(a => a.GetProperty("observed").GetInt32()));
        foreach (var property in new[] { "set", "group", "window", "geography" })
            Assert.Equal(whole.GetProperty(property).GetString(), limited.GetProperty(property).GetString());
    }

    [Theory]
    [InlineData("set=wards&locality=nowhere", HttpStatusCode.UnprocessableEntity, "there is no locality 'nowhere' in force; see GET /api/localities")]
    [InlineData("set=wards&locality=retired", HttpStatusCode.UnprocessableEntity, "there is no locality 'retired' in force; see GET /api/localities")]
    [InlineData("set=zones&locality=retired", HttpStatusCode.BadRequest, "locality goes with set=wards: a locality is a set of wards")]
    public async Task A_locality_that_is_not_in_force_or_goes_with_zones_is_refused_naming_the_parameter(string query, HttpStatusCode status, string reason)
    {
        Assert.Equal(HttpStatusCode.Created, (await Server.Admin().PutAsJsonAsync("/api/localities/retired", new { name = "Gone", wards = new[] { "E05002235" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Server.Admin().DeleteAsync("/api/localities/retired")).StatusCode);

        var response = await Server.Viewer().GetAsync($"/api/heat?{query}");

        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([reason], problem.GetProperty("errors").GetProperty("locality").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("/api/heat?window=month&month=9999-12")]
    [InlineData("/api/heat?window=month&month=0001-01")]
    [InlineData("/api/areas/wards/E05002235?window=month&month=9999-12")]
    [InlineData("/api/areas/wards/E05002235?window=month&month=0001-01")]
    [InlineData("/api/areas/wards/E05002235?window=month&month=1969-12")]
    public async Task A_month_at_the_ends_of_the_calendar_is_400_naming_the_parameter(string path)
    {
        var response = await Server.Viewer().GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("^month '[0-9-]+' is not yyyy-MM from 1970-01 to 2199-12$", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Heat_can_be_read_as_it_stood_an_hour_ago_for_the_time_slider()
    {
        // At the start of this clock hour: a minute ago is the previous hour in a run's first minute, which the hour-ago window holds.
        var utcNow = DateTimeOffset.UtcNow;
        await Server.PostAsync(HotSpotsServer.Incident("now-1", category: "youth-nuisance", at: new DateTimeOffset(utcNow.Year, utcNow.Month, utcNow.Day, utcNow.Hour, 0, 0, TimeSpan.Zero)));
        await Server.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(1).WaitAsync(TimeSpan.FromSeconds(10));
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");

        var now = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/heat?group=asb&window=24h");
        var then = await Server.Viewer().GetFromJsonAsync<JsonElement>($"/api/heat?group=asb&window=24h&at={Uri.EscapeDataString(hourAgo)}");

        Assert.Equal(1, now.GetProperty("areas").EnumerateArray().Sum(a => a.GetProperty("observed").GetInt32()));
        Assert.Equal(0, then.GetProperty("areas").EnumerateArray().Sum(a => a.GetProperty("observed").GetInt32()));
    }

    [Fact]
    public async Task An_area_drill_down_gives_categories_trends_repeat_locations_and_its_alerts()
    {
        await Server.PostAsync(new[]
        {
            HotSpotsServer.Incident("d1", category: "youth-nuisance"),
            HotSpotsServer.Incident("d2", category: "fly-tipping"),
            HotSpotsServer.Incident("d3", category: "burglary"),
        });
        await Server.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(3).WaitAsync(TimeSpan.FromSeconds(10));

        var view = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/areas/wards/E05002235?group=asb&window=7d");

        var area = view.GetProperty("area");
        Assert.Equal("Grays Riverside", area.GetProperty("name").GetString());
        Assert.Equal(2, area.GetProperty("heat").GetProperty("observed").GetInt32());
        Assert.Equal(["burglary", "fly-tipping", "youth-nuisance"],
            area.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("category").GetString()).Order());
        Assert.Equal(28, area.GetProperty("daily").GetProperty("counts").GetArrayLength());
        Assert.Equal(DateTime.UtcNow.Date.AddDays(-27).ToString("yyyy-MM-dd"), area.GetProperty("daily").GetProperty("from").GetString());
        Assert.Equal(2, area.GetProperty("daily").GetProperty("counts").EnumerateArray().Sum(c => c.GetInt32()));
        Assert.Equal(12, area.GetProperty("monthly").GetProperty("counts").GetArrayLength());
        var repeat = area.GetProperty("repeatLocations").EnumerateArray().Single();
        Assert.Equal(("Grays station", 2), (repeat.GetProperty("location").GetString(), repeat.GetProperty("count").GetInt32()));
        Assert.Equal(0, view.GetProperty("alerts").GetArrayLength());

        Assert.Equal(HttpStatusCode.NotFound, (await Server.Viewer().GetAsync("/api/areas/wards/E99999999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.Viewer().GetAsync("/api/areas/parishes/E05002235")).StatusCode);
    }

    /// <summary>
    /// Four ASB incidents (weight 2.5) and one arson (weight 4) in January 2018; two ASB in December and two arsons in
    /// November, the first month stored, so January's baseline is the mean of two months. By hand: observed
    /// 2.5·4 + 4·1 = 14, expected (2.5·2 + 4·2) / 2 = 6.5, score √14 + √15 − √27. The hub's snapshot, which the map and
    /// the ranking draw, is weighed the same when harm is on by default.
    /// </summary>
    [Fact]
    public async Task With_harm_heat_and_the_ranking_weigh_each_incident_by_its_category_as_computed_by_hand()
    {
        var settings = new Dictionary<string, string?>
        {
            ["HotSpots:Harm:Weights:anti-social-behaviour"] = "2.5",
            ["HotSpots:Harm:Weights:criminal-damage-arson"] = "4",
        };
        await using var server = new HotSpotsServer(settings);
        var items = new[]
        {
            ("2018-01", "anti-social-behaviour", 4), ("2018-01", "criminal-damage-arson", 1),
            ("2017-12", "anti-social-behaviour", 2), ("2017-11", "criminal-damage-arson", 2),
        }.SelectMany(g => Enumerable.Range(0, g.Item3).Select(i => new
        {
            source = "police-uk", sourceId = $"{g.Item1}/{g.Item2}/{i}", category = g.Item2, occurredAt = g.Item1, latitude = 51.4757, longitude = 0.3217,
        })).ToArray();
        (await server.PostAsync(items)).EnsureSuccessStatusCode();
        await server.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(items.Length).WaitAsync(TimeSpan.FromSeconds(10));

        var plain = await server.Viewer().GetFromJsonAsync<JsonElement>("/api/heat?group=all&window=month&month=2018-01");
        var weighed = await server.Viewer().GetFromJsonAsync<JsonElement>("/api/heat?group=all&window=month&month=2018-01&harm=true");

        static JsonElement Hottest(JsonElement heat) => heat.GetProperty("areas").EnumerateArray().MaxBy(a => a.GetProperty("score").GetDouble());
        Assert.False(plain.GetProperty("harm").GetBoolean());
        Assert.Equal(5, Hottest(plain).GetProperty("observed").GetDouble());
        Assert.Equal(2, Hottest(plain).GetProperty("expected").GetDouble());
        Assert.True(weighed.GetProperty("harm").GetBoolean());
        var area = Hottest(weighed);
        Assert.Equal(Hottest(plain).GetProperty("code").GetString(), area.GetProperty("code").GetString());
        Assert.Equal(14, area.GetProperty("observed").GetDouble());
        Assert.Equal(6.5, area.GetProperty("expected").GetDouble());
        Assert.Equal(Math.Round(Math.Sqrt(14) + Math.Sqrt(15) - Math.Sqrt(27), 3), area.GetProperty("score").GetDouble());
        Assert.True(area.GetProperty("hasBaseline").GetBoolean());

        settings["HotSpots:Harm:Enabled"] = "true";
        await using var harmful = new HotSpotsServer(settings);
        (await harmful.PostAsync(items)).EnsureSuccessStatusCode();
        await harmful.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(items.Length).WaitAsync(TimeSpan.FromSeconds(10));
        await using var client = await HeatClient.ConnectAsync(harmful.BaseAddress, HotSpotsServer.ViewerKey);
        var snapshot = await client.Connection.InvokeAsync<HeatSnapshot>(nameof(HeatHub.Subscribe), new HeatSubscription("wards", "all", "month", "2018-01"));

        Assert.True(snapshot.Harm);
        var ranked = snapshot.Areas.OrderByDescending(a => a.Score).First();
        Assert.Equal((14, 6.5), (ranked.Observed, ranked.Expected));
        Assert.False((await harmful.Viewer().GetFromJsonAsync<JsonElement>("/api/heat?group=all&window=month&month=2018-01&harm=false")).GetProperty("harm").GetBoolean());
    }

    [Fact]
    public async Task Harm_that_is_not_true_or_false_is_400_naming_it()
    {
        var response = await Server.Viewer().GetAsync("/api/heat?harm=yes");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("harm 'yes' is not true or false", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
