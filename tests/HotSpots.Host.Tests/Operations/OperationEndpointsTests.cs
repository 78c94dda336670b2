using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HotSpots.Host.Tests.Infrastructure;

namespace HotSpots.Host.Tests.Operations;

public sealed class OperationEndpointsTests : ServerTests
{
    private static readonly object Square = new
    {
        name = "Grays station square",
        geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { 0.3200, 51.4750 }, new[] { 0.3240, 51.4750 }, new[] { 0.3240, 51.4775 }, new[] { 0.3200, 51.4775 }, new[] { 0.3200, 51.4750 } } } },
    };

    private async Task<long> AppliedAsync(HttpResponseMessage accepted)
    {
        var revision = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt64();
        var status = await Server.Viewer().GetFromJsonAsync<JsonElement>($"/api/geography?revision={revision}");
        Assert.True(status.GetProperty("appliedRevision").GetInt64() >= revision);
        return revision;
    }

    [Fact]
    public async Task An_administrator_creates_redraws_and_retires_a_zone_and_its_history_follows()
    {
        await Server.PostAsync(HotSpotsServer.Incident("z1", lat: 51.4762, lon: 0.3221));
        await Server.PostAsync(HotSpotsServer.Incident("z2", lat: 51.4790, lon: 0.3221));

        Assert.Equal(HttpStatusCode.Forbidden, (await Server.Viewer().PutAsJsonAsync("/api/zones/station", Square)).StatusCode);
        var created = await Server.Admin().PutAsJsonAsync("/api/zones/station", Square);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        await AppliedAsync(created);
        Assert.Equal(HttpStatusCode.OK, (await Server.Admin().PutAsJsonAsync("/api/zones/station", Square)).StatusCode);

        async Task<int> ObservedAsync() => (await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/heat?set=zones&window=24h"))
            .GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("code").GetString() == "station").GetProperty("observed").GetInt32();
        Assert.Equal(1, await ObservedAsync());

        var bigger = await Server.Admin().PutAsJsonAsync("/api/zones/station", new { name = "Grays station", circle = new { latitude = 51.4762, longitude = 0.3221, radiusMetres = 400 } });
        await AppliedAsync(bigger);
        Assert.Equal(2, await ObservedAsync());

        var zone = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/zones/station");
        Assert.Equal(2, zone.GetProperty("version").GetInt32());
        Assert.Equal(2, zone.GetProperty("versions").GetArrayLength());
        Assert.Equal(400, zone.GetProperty("shape").GetProperty("circle").GetProperty("radiusMetres").GetDouble());

        await AppliedAsync(await Server.Admin().DeleteAsync("/api/zones/station"));
        var live = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/zones");
        Assert.DoesNotContain(live.EnumerateArray(), z => z.GetProperty("code").GetString() == "station");
        var all = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/zones?all=true");
        Assert.True(all.EnumerateArray().Single(z => z.GetProperty("code").GetString() == "station").GetProperty("retired").GetBoolean());
    }

    [Theory]
    [InlineData("""{"name":"x"}""", 422)]
    [InlineData("""{"name":"x","circle":{"latitude":51.47,"longitude":0.32,"radiusMetres":-4}}""", 422)]
    [InlineData("""{"name":"x","geometry":{"type":"Point","coordinates":[0.32,51.47]}}""", 422)]
    [InlineData("""{"name":"x","geometry":{"type":"Polygon","coordinates":[[[0.32,51.47],[0.33,51.47]]]}}""", 422)]
    [InlineData("""{"name":"x","circle":{"latitude":51.47,"longitude":0.32,"radiusMetres":300},"geometry":{"type":"Polygon","coordinates":[]}}""", 422)]
    [InlineData("""not json""", 400)]
    public async Task A_bad_zone_is_refused_with_problem_details(string body, int status)
    {
        var response = await Server.Admin().PutAsync("/api/zones/bad", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Viewer().GetAsync("/api/zones/bad")).StatusCode);
    }

    [Fact]
    public async Task A_self_crossing_zone_polygon_is_refused_with_422_naming_the_crossing()
    {
        // A bow tie: the ring's second and fourth edges cross at 0.322, 51.476.
        var bowTie = new
        {
            name = "Bow tie",
            geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { 0.320, 51.475 }, new[] { 0.324, 51.477 }, new[] { 0.324, 51.475 }, new[] { 0.320, 51.477 }, new[] { 0.320, 51.475 } } } },
        };

        var response = await Server.Admin().PutAsJsonAsync("/api/zones/bow-tie", bowTie);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("geometry is not valid: Self-intersection at longitude 0.32",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Viewer().GetAsync("/api/zones/bow-tie")).StatusCode);
    }

    [Fact]
    public async Task A_zone_name_over_200_characters_is_refused_with_422_saying_how_long_it_is()
    {
        var response = await Server.Admin().PutAsJsonAsync("/api/zones/long-name", new
        {
            name = new string('n', 201),
            circle = new { latitude = 51.4762, longitude = 0.3221, radiusMetres = 400 },
        });
        var longest = await Server.Admin().PutAsJsonAsync("/api/zones/longest-name", new
        {
            name = new string('n', 200),
            circle = new { latitude = 51.4762, longitude = 0.3221, radiusMetres = 400 },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("name is 201 characters; a zone name is at most 200", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Accepted, longest.StatusCode);
    }

    [Fact]
    public async Task A_bad_zone_names_the_field_at_fault()
    {
        async Task<JsonElement> ErrorsAsync(string code, object body) =>
            (await (await Server.Analyst().PutAsJsonAsync($"/api/zones/{code}", body)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.StartsWith("a zone code is", (await ErrorsAsync("Not A Code", Square)).GetProperty("code")[0].GetString());
        Assert.Equal("name is required", (await ErrorsAsync("no-name", new { circle = new { latitude = 51.47, longitude = 0.32, radiusMetres = 300 } })).GetProperty("name")[0].GetString());
        Assert.Equal("radius -4 m must be between 0 and 50000",
            (await ErrorsAsync("bad-radius", new { name = "x", circle = new { latitude = 51.47, longitude = 0.32, radiusMetres = -4 } })).GetProperty("shape")[0].GetString());
    }

    /// <summary>
    /// Operation leads sign in as analysts: zones and operations are theirs to make, change and remove; a viewer only
    /// reads them, and ward sets stay with administrators.
    /// </summary>
    [Fact]
    public async Task Analysts_by_key_or_session_manage_zones_and_operations_viewers_cannot_and_ward_sets_stay_with_admins()
    {
        var lead = await Server.SignedInAsync(HotSpotsServer.AnalystUser);
        var viewer = await Server.SignedInAsync(HotSpotsServer.ViewerUser);
        var operation = new
        {
            name = "Op Lead",
            type = "dial",
            zones = new[] { "lead-square" },
            activePeriods = new[] { new { start = "2026-05-01" } },
            targetGroups = new[] { "asb" },
        };

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/zones/lead-square", Square)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.Viewer().PutAsJsonAsync("/api/zones/lead-square", Square)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await lead.PutAsJsonAsync("/api/zones/lead-square", Square)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/operations/op-lead", operation)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await lead.PutAsJsonAsync("/api/operations/op-lead", operation)).StatusCode);
        Assert.Equal("Op Lead", (await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/operations/op-lead")).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await Server.Analyst().PutAsJsonAsync("/api/operations/op-lead", operation with { name = "Op Lead by key" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync("/api/operations/op-lead")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.Viewer().DeleteAsync("/api/zones/lead-square")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await lead.DeleteAsync("/api/operations/op-lead")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Server.Analyst().DeleteAsync("/api/zones/lead-square")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostAsJsonAsync("/api/ward-sets", new { id = "x", name = "x", features = new { } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.Analyst().PostAsync("/api/ward-sets/x/current", null)).StatusCode);
    }

    [Fact]
    public async Task A_configured_zone_cannot_be_changed_through_the_API()
    {
        var response = await Server.Admin().PutAsJsonAsync("/api/zones/op-grip-grays", Square);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("HotSpots:Geography:Zones", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_operation_with_mistakes_is_refused_with_every_problem_named()
    {
        var response = await Server.Admin().PutAsJsonAsync("/api/operations/op-x", new
        {
            name = "",
            type = "dial",
            zones = new[] { "op-grip-grays", "nowhere" },
            activePeriods = new[] { new { start = "2026-05-01", end = "2026-04-01" } },
            targetGroups = new[] { "burglaries" },
            controlWards = new[] { "E99999999" },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var refusal = await response.Content.ReadFromJsonAsync<JsonElement>();
        var problems = refusal.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.Contains("name is required"));
        Assert.Contains(problems, p => p.Contains("'nowhere' is not a live zone"));
        Assert.Contains(problems, p => p.Contains("ends before it starts"));
        Assert.Contains(problems, p => p.Contains("'burglaries'"));
        Assert.Contains(problems, p => p.Contains("'E99999999'"));
        // The same problems by field, for a form to show each beside its field.
        var byField = refusal.GetProperty("errors");
        Assert.Equal(["activePeriods", "controlWards", "name", "targetGroups", "zones"], byField.EnumerateObject().Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal("zone 'nowhere' is not a live zone", byField.GetProperty("zones")[0].GetString());
        Assert.Equal("control ward 'E99999999' is not in the current ward set", byField.GetProperty("controlWards")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.Admin().PutAsync("/api/operations/op-x", new StringContent("{", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Server.Admin().PutAsync("/api/operations/op-x", new StringContent("{}", Encoding.UTF8, "text/plain"))).StatusCode);

        (await Server.Admin().PutAsJsonAsync("/api/operations/op-ok", new
        {
            name = "Op OK",
            type = "grip",
            zones = new[] { "op-grip-grays" },
            activePeriods = new[] { new { start = "2026-05-01" } },
            targetGroups = new[] { "violence" },
        })).EnsureSuccessStatusCode();
        var overlapping = await Server.Viewer().GetAsync("/api/operations/op-ok/evaluation?before=2026-04-01..2026-05-10&during=2026-05-01..2026-05-31");
        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        Assert.Contains("must not overlap", (await overlapping.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.Viewer().GetAsync("/api/operations/op-ok/evaluation?before=2026-04")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Viewer().GetAsync("/api/operations/nope/evaluation")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Viewer().GetAsync("/api/operations/nope/layout")).StatusCode);
        var layout = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/operations/op-ok/layout");
        Assert.Equal(["excluded", "buffer", "zone"], layout.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("role").GetString()));
    }

    [Theory]
    [InlineData("/api/patrols?to=9999-12-31", "to '9999-12-31' is not a date (yyyy-MM-dd) from 1970-01-01 to 2199-12-31")]
    [InlineData("/api/patrols?from=0001-01-01", "from '0001-01-01' is not a date (yyyy-MM-dd) from 1970-01-01 to 2199-12-31")]
    [InlineData("/api/operations/any/evaluation?before=9999-01-01..9999-12-31&during=2026-01-01..2026-01-31",
        "before '9999-01-01..9999-12-31' is not yyyy-MM-dd..yyyy-MM-dd (last day included), yyyy-MM or yyyy-MM..yyyy-MM, from 1970-01-01 to 2199-12-31")]
    [InlineData("/api/operations/any/evaluation?before=2026-01&during=9999-12",
        "during '9999-12' is not yyyy-MM-dd..yyyy-MM-dd (last day included), yyyy-MM or yyyy-MM..yyyy-MM, from 1970-01-01 to 2199-12-31")]
    [InlineData("/api/patrols?from=2026-01-10&to=2026-01-01", "from 2026-01-10 is after to 2026-01-01")]
    [InlineData("/api/operations/any/evaluation?format=xml", "format 'xml' is not json or csv")]
    [InlineData("/api/geography?revision=-1", "revision -1 is not from 0 to 3, the latest stored")]
    [InlineData("/api/geography?revision=9223372036854775807", "revision 9223372036854775807 is not from 0 to 3, the latest stored")]
    public async Task A_parameter_out_of_range_is_400_naming_it(string path, string detail)
    {
        var response = await Server.Viewer().GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("9999-12-31", null, "activePeriods dates must be from 1970-01-01 to 2199-12-31")]
    [InlineData("2026-01-01", 1e308, "fundedPatrolHours must be from 0 to 1000000 hours")]
    [InlineData("2026-01-01", -1.0, "fundedPatrolHours must be from 0 to 1000000 hours")]
    public async Task An_operation_with_a_date_or_patrol_hours_out_of_range_is_refused_naming_the_field(string end, double? fundedPatrolHours, string problem)
    {
        var response = await Server.Admin().PutAsJsonAsync("/api/operations/op-far", new
        {
            name = "Far",
            type = "dial",
            zones = new[] { "op-grip-grays" },
            activePeriods = new[] { new { start = "2026-01-01", end } },
            targetGroups = new[] { "asb" },
            fundedPatrolHours,
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal([problem], (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
    }

    [Theory]
    [InlineData("a lone surrogate escape")]
    [InlineData("a byte that is not UTF-8")]
    public async Task A_patrol_visit_whose_text_is_not_text_is_rejected_alone_and_the_others_are_stored(string defect)
    {
        object Visit(int i, string method) => new
        {
            zone = "op-grip-grays",
            start = DateTimeOffset.UtcNow.AddHours(-3).ToString("O"),
            end = DateTimeOffset.UtcNow.AddHours(-2).ToString("O"),
            officers = 2,
            source = "gps",
            sourceId = $"v{i}",
            method,
        };
        var visits = new[] { Visit(0, "foot"), Visit(1, "BAD"), Visit(2, "foot") };

        var response = await Server.Ingest().PostAsync("/api/patrols", Endpoints.IncidentEndpointsTests.BodyWithBadText(JsonSerializer.Serialize(visits), defect));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, 1), (body.GetProperty("accepted").GetInt32(), body.GetProperty("rejected").GetInt32()));
        Assert.StartsWith("method is not valid text", body.GetProperty("items")[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Patrol_visits_with_a_key_given_twice_are_refused_naming_the_key_and_numeric_ids_are_one_id_however_written()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-3).ToString("O");
        var end = DateTimeOffset.UtcNow.AddHours(-2).ToString("O");
        string Visit(string id, string extra = "") => $$"""{"zone":"op-grip-grays","start":"{{start}}","end":"{{end}}","officers":2,"source":"gps","sourceId":{{id}}{{extra}}}""";

        var officersAgain = Visit("2", ""","officers":9""");
        var twice = await Server.Ingest().PostAsync("/api/patrols", new StringContent($"[{Visit("1")},{officersAgain}]", Encoding.UTF8, "application/json"));
        var numbers = await Server.Ingest().PostAsync("/api/patrols", new StringContent($"[{Visit("7")},{Visit("7.0")},{Visit("7e0")},{Visit("7.5")}]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal("the key 'officers' is given twice at $[1].officers; send each key once", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var items = (await numbers.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        Assert.Equal(["accepted", "duplicate", "duplicate", "rejected"], items.EnumerateArray().Select(i => i.GetProperty("status").GetString()));
        Assert.StartsWith("sourceId must be a string or a whole number", items[3].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Patrols_arrive_by_API_and_CSV_and_sending_them_again_changes_nothing()
    {
        var visit = new { zone = "op-grip-grays", start = DateTimeOffset.UtcNow.AddHours(-3).ToString("O"), end = DateTimeOffset.UtcNow.AddHours(-2).ToString("O"), officers = 2, source = "gps", sourceId = "g1" };

        var first = await Server.Ingest().PostAsJsonAsync("/api/patrols", new object[] { visit, new { zone = "nowhere" } });
        var again = await Server.Ingest().PostAsJsonAsync("/api/patrols", visit);
        var refused = await Server.Ingest().PostAsJsonAsync("/api/patrols", new { zone = "op-grip-grays", start = "yesterday" });

        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 1), (body.GetProperty("accepted").GetInt32(), body.GetProperty("rejected").GetInt32()));
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicates").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.Viewer().PostAsJsonAsync("/api/patrols", visit)).StatusCode);

        var csv = "zone,start,end,officers\nop-dial-lakeside,2026-01-10T18:00:00Z,2026-01-10T18:40:00Z,2\nop-dial-lakeside,2026-01-11T18:00:00Z,,2\n";
        var import = await Server.Ingest().PostAsync("/api/patrols/import?file=dial.csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var report = await import.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        Assert.Equal(3, report.GetProperty("malformed")[0].GetProperty("line").GetInt32());
        Assert.Equal("dial.csv", report.GetProperty("malformed")[0].GetProperty("file").GetString());
        var badHeader = await Server.Ingest().PostAsync("/api/patrols/import", new StringContent("a,b\n1,2\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badHeader.StatusCode);

        var listed = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/patrols?from=2026-01-01&to=2026-12-31&zone=op-dial-lakeside");
        Assert.Equal(1, listed.GetArrayLength());
    }

    [Fact]
    public async Task A_new_ward_set_is_loaded_made_current_and_pushed_while_the_old_one_stays_selectable()
    {
        await Server.PostAsync(HotSpotsServer.Incident("w1", lat: 51.4757, lon: 0.3217));
        await using var dashboard = await HeatClient.ConnectAsync(Server.BaseAddress, HotSpotsServer.ViewerKey);
        var features = JsonDocument.Parse("""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"WD26CD":"GRAYS","WD26NM":"Grays (2026)"},"geometry":{"type":"Polygon","coordinates":[[[0.30,51.46],[0.35,51.46],[0.35,51.49],[0.30,51.49],[0.30,51.46]]]}}]}
            """).RootElement;

        var loaded = await Server.Admin().PostAsJsonAsync("/api/ward-sets", new { id = "thurrock-2026", name = "Thurrock 2026", features });
        Assert.Equal(HttpStatusCode.Created, loaded.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Server.Admin().PostAsJsonAsync("/api/ward-sets", new { id = "thurrock-2026", name = "again", features })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Server.Admin().PostAsJsonAsync("/api/ward-sets", new { id = "bad", name = "Bad", features = new { type = "Feature" } })).StatusCode);

        var switched = await Server.Admin().PostAsync("/api/ward-sets/thurrock-2026/current", null);
        Assert.Equal(HttpStatusCode.Accepted, switched.StatusCode);
        var revision = await AppliedAsync(switched);
        var pushed = await dashboard.GeographyChangeAsync(revision, TimeSpan.FromSeconds(10));
        Assert.Equal(("thurrock-2026", revision), (pushed.WardSet, pushed.Revision));

        var heat = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/heat?window=24h");
        var grays = Assert.Single(heat.GetProperty("areas").EnumerateArray());
        Assert.Equal(("GRAYS", 1), (grays.GetProperty("code").GetString(), grays.GetProperty("observed").GetInt32()));
        var old = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/heat?window=24h&wardSet=demo");
        Assert.Equal(20, old.GetProperty("areas").GetArrayLength());
        Assert.Equal(1, old.GetProperty("areas").EnumerateArray().Sum(a => a.GetProperty("observed").GetInt32()));
        var sets = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/ward-sets");
        Assert.Equal(["demo", "thurrock-2026"], sets.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.True(sets[1].GetProperty("current").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Viewer().GetAsync("/api/heat?wardSet=nope")).StatusCode);
        Assert.Equal(20, (await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/areas?wardSet=demo")).GetProperty("features").GetArrayLength());
    }
}
