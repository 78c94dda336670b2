using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Geography.Demo;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Testing;

namespace HotSpots.Host.Tests.Operations;

/// <summary>
/// The three Thurrock demo zones evaluated on real police.uk ASB records (January-February 2018 against March-April
/// 2018) on the real Thurrock ward boundaries, checked against counts worked out here independently: great-circle
/// distances to each zone's centre and a ray-casting point-in-polygon on the raw GeoJSON.
/// </summary>
public sealed class PoliceUkEvaluationTests
{
    private const double Earth = 6_371_008.8;
    // A circle is drawn with 16 chords a quarter, up to 1.2 m inside the true circle at 1 km; the great-circle distance
    // differs from the grid's by about 0.1 m here. Points that near an edge may fall either side, so they are set apart.
    private const double InsideEdge = 1.5, OutsideEdge = 0.5;

    [Fact]
    public async Task Evaluation_figures_for_the_three_demo_zones_match_an_independent_computation_on_police_uk_data()
    {
        await using var server = new HotSpotsServer(new Dictionary<string, string?> { ["HotSpots:Geography:Wards:Files:0"] = SharedData.ThurrockWards });
        var wards = ReadPolygons(SharedData.ThurrockWards);
        var rows = new List<(string Id, string Month, double Lat, double Lon)>();
        foreach (var month in new[] { "2018-01", "2018-02", "2018-03", "2018-04" })
        {
            var line = 0;
            foreach (var text in File.ReadLines(SharedData.PoliceUk(month)))
            {
                line++;
                var f = Split(text);
                if (line == 1 || f[9] != "Anti-social behaviour" || f[4] == "" || f[5] == "") continue;
                var (lon, lat) = (double.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture), double.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture));
                if (lon is > 0.2 and < 0.56 && lat is > 51.43 and < 51.57) rows.Add(($"{month}:{line}", f[1], lat, lon));
            }
        }
        foreach (var chunk in rows.Chunk(5_000))
        {
            await server.PostAsync(chunk.Select(r => new
            {
                source = "police-uk",
                sourceId = r.Id,
                category = "anti-social-behaviour",
                occurredAt = r.Month,
                latitude = r.Lat,
                longitude = r.Lon,
            }).ToArray());
        }
        var zones = DemoGeography.OperationZones;
        var put = await server.Admin().PutAsJsonAsync("/api/operations/thurrock", new
        {
            name = "Thurrock hot-spot operations",
            type = "other",
            zones = zones.Select(z => z.Code).ToArray(),
            activePeriods = new[] { new { start = "2018-03-01", end = "2018-04-30" } },
            targetGroups = new[] { "asb" },
        });
        put.EnsureSuccessStatusCode();

        var evaluation = await server.Viewer().GetFromJsonAsync<JsonElement>(
            "/api/operations/thurrock/evaluation?before=2018-01-01..2018-02-28&during=2018-03-01..2018-04-30");

        // Independent counts.
        var inWards = rows.Where(r => wards.Any(w => Inside(w, r.Lon, r.Lat))).ToList();
        var ambiguous = 0;
        var expected = zones.ToDictionary(z => z.Code, _ => new int[6]);   // R0 R1 D0 D1 C0 C1
        // Only rows inside a ward are stored (the API refuses the rest), so only they can count anywhere.
        foreach (var r in inWards)
        {
            var during = r.Month is "2018-03" or "2018-04" ? 1 : 0;
            var distances = zones.Select(z => Distance(r.Lat, r.Lon, z.Latitude, z.Longitude)).ToArray();
            if (zones.Select((z, i) => new[] { z.RadiusMetres, z.RadiusMetres + 200, z.RadiusMetres + 400 }.Any(b => distances[i] > b - InsideEdge && distances[i] < b + OutsideEdge)).Any(x => x))
            {
                ambiguous++;
                continue;
            }
            for (var i = 0; i < zones.Count; i++)
            {
                var counts = expected[zones[i].Code];
                var inOtherZone = zones.Select((z, j) => j != i && distances[j] <= z.RadiusMetres).Any(x => x);
                if (distances[i] <= zones[i].RadiusMetres) counts[during]++;
                else if (distances[i] > zones[i].RadiusMetres + 200 && distances[i] <= zones[i].RadiusMetres + 400 && !inOtherZone) counts[2 + during]++;
                if (zones.Select((z, j) => distances[j] > z.RadiusMetres + 400).All(x => x)) counts[4 + during]++;
            }
        }
        Assert.True(ambiguous <= 3, $"{ambiguous} points lie within a metre or two of a zone or ring edge");

        var scale = 61.0 / 59.0;
        var found = evaluation.GetProperty("zones").EnumerateArray().ToDictionary(z => z.GetProperty("zone").GetString()!);
        Assert.Equal(zones.Select(z => z.Code).Order(), found.Keys.Order());
        var treated = 0;
        foreach (var zone in zones)
        {
            var e = expected[zone.Code];
            var during = found[zone.Code].GetProperty("during");
            int[] api =
            [
                during.GetProperty("zone").GetProperty("before").GetInt32(), during.GetProperty("zone").GetProperty("after").GetInt32(),
                during.GetProperty("buffer").GetProperty("before").GetInt32(), during.GetProperty("buffer").GetProperty("after").GetInt32(),
                during.GetProperty("control").GetProperty("before").GetInt32(), during.GetProperty("control").GetProperty("after").GetInt32(),
            ];
            for (var k = 0; k < 6; k++) Assert.True(Math.Abs(api[k] - e[k]) <= ambiguous, $"{zone.Code} figure {k}: API {api[k]}, independent {e[k]}");
            treated += api[0] + api[1];

            // The control (Thurrock's other wards) is weighted to the zone's before level, w = R0/C0.
            var w = (double)api[0] / api[4];
            var wdd = (api[1] - scale * api[0]) - w * (api[5] - scale * api[4]);
            var se = Math.Sqrt(api[1] + scale * scale * api[0] + w * w * (api[5] + scale * scale * api[4]));
            Assert.Equal(wdd, during.GetProperty("wdd").GetProperty("value").GetDouble(), 9);
            Assert.Equal(se, during.GetProperty("wdd").GetProperty("standardError").GetDouble(), 9);
            var success = (double)api[1] / api[5] - (double)api[0] / api[4];
            var significantFall = Math.Abs(wdd / se) > 1.959964 && wdd < 0;
            var tooFew = api[0] + api[1] < 20;
            if (significantFall && !tooFew && api[2] + api[3] >= 10)
                Assert.Equal(((double)api[3] / api[5] - (double)api[2] / api[4]) / success, during.GetProperty("wdq").GetProperty("value").GetDouble(), 9);
            else
                Assert.False(during.TryGetProperty("wdq", out _), $"{zone.Code}: a WDQ without a reduction beyond chance to weigh it against");
            Assert.Equal(tooFew, during.GetProperty("tooFewInZone").GetBoolean());
            Assert.Equal(tooFew, during.TryGetProperty("refusal", out _));
        }
        Assert.True(treated > 0, "no ASB fell in any zone: the test would prove nothing");
        Assert.Equal(3, evaluation.GetProperty("ranking").GetArrayLength());

        var csv = await server.Viewer().GetStringAsync("/api/operations/thurrock/evaluation?before=2018-01-01..2018-02-28&during=2018-03-01..2018-04-30&format=csv");
        var lines = csv.TrimEnd().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("operation,group,zone,name,comparison", lines[0]);
        foreach (var zone in zones)
        {
            var cells = Split(lines.Single(l => l.Split(',')[2] == zone.Code).TrimEnd('\r'));
            Assert.Equal(found[zone.Code].GetProperty("during").GetProperty("zone").GetProperty("before").GetInt32().ToString(), cells[7]);
        }
    }

    private static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * Earth * Math.Asin(Math.Sqrt(a));
    }

    /// <summary>Each ward as a list of polygons, each polygon a list of rings of (lon, lat).</summary>
    private static List<List<List<(double X, double Y)>>> ReadPolygons(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var wards = new List<List<List<(double, double)>>>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            var polygons = geometry.GetProperty("type").GetString() == "Polygon" ? [coordinates] : coordinates.EnumerateArray().ToList();
            wards.Add([.. polygons.SelectMany(p => p.EnumerateArray().Select(ring => ring.EnumerateArray().Select(c => (c[0].GetDouble(), c[1].GetDouble())).ToList()))]);
        }
        return wards;
    }

    /// <summary>Even-odd ray casting over every ring of a ward (holes and separate parts alike).</summary>
    private static bool Inside(List<List<(double X, double Y)>> rings, double x, double y)
    {
        var inside = false;
        foreach (var ring in rings)
        {
            for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            {
                if ((ring[i].Y > y) != (ring[j].Y > y) && x < (ring[j].X - ring[i].X) * (y - ring[i].Y) / (ring[j].Y - ring[i].Y) + ring[i].X) inside = !inside;
            }
        }
        return inside;
    }

    internal static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
