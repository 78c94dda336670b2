using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Application.Monitoring;
using HotSpots.Domain.Grid;
using HotSpots.Geography;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Host.Tests.Operations;
using HotSpots.Store;
using HotSpots.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Host.Tests.Endpoints;

public sealed class GridEndpointsTests : ServerTests
{
    private const string Path = "/api/hotspots/grid";

    [Fact]
    public async Task The_grid_needs_a_viewer_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Client().GetAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Server.Viewer().GetAsync(Path)).StatusCode);
    }

    [Theory]
    [InlineData("cell=99", "cell '99' is not a whole number of metres from 100 to 1000")]
    [InlineData("cell=1001", "cell '1001' is not a whole number of metres from 100 to 1000")]
    [InlineData("cell=250.5", "cell '250.5' is not a whole number of metres from 100 to 1000")]
    [InlineData("cell=big", "cell 'big' is not a whole number of metres from 100 to 1000")]
    [InlineData("set=lsoas", "set 'lsoas' is not wards or zones")]
    [InlineData("group=burglaries", "group 'burglaries' is not asb, deliberate-fires, violence, all or a category")]
    [InlineData("window=3d", "window '3d' is not 24h, 7d, 28d or month")]
    [InlineData("window=month&month=2018-13", "month '2018-13' is not yyyy-MM from 1970-01 to 2199-12")]
    [InlineData("fdr=yes", "fdr 'yes' is not true or false")]
    [InlineData("harm=1", "harm '1' is not true or false")]
    public async Task A_grid_selection_that_does_not_exist_is_400_saying_what_is_allowed(string query, string detail)
    {
        var response = await Server.Viewer().GetAsync($"{Path}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("step=day", "step 'day' is not month or week")]
    [InlineData("steps=2", "steps '2' is not a whole number from 3 to 60")]
    [InlineData("steps=61", "steps '61' is not a whole number from 3 to 60")]
    [InlineData("step=week&month=2018-03", "month goes with step=month: weekly steps end now")]
    [InlineData("cell=50", "cell '50' is not a whole number of metres from 100 to 1000")]
    [InlineData("month=03-2018", "month '03-2018' is not yyyy-MM from 1970-01 to 2199-12")]
    public async Task An_emerging_selection_that_does_not_exist_is_400_saying_what_is_allowed(string query, string detail)
    {
        var response = await Server.Viewer().GetAsync($"/api/hotspots/emerging?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_cell_that_is_hot_in_the_last_month_only_is_a_new_hot_spot_with_its_name_in_words()
    {
        var items = Enumerable.Range(0, 30).Select(i => new
        {
            source = "essex-police", sourceId = $"n-{i}", category = "anti-social-behaviour", occurredAt = "2018-03", latitude = 51.4757, longitude = 0.3217,
        }).ToArray();
        (await Server.PostAsync(items)).EnsureSuccessStatusCode();
        await Server.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(30).WaitAsync(TimeSpan.FromSeconds(10));

        var emerging = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/hotspots/emerging?group=asb&steps=3&month=2018-03");

        Assert.Equal(["2018-01", "2018-02", "2018-03"], emerging.GetProperty("steps").EnumerateArray().Select(s => s.GetString()));
        var (easting, northing) = BritishNationalGrid.FromWgs84(51.4757, 0.3217);
        var cell = emerging.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
            .Single(p => p.GetProperty("easting").GetDouble() == Math.Floor(easting / 250) * 250 && p.GetProperty("northing").GetDouble() == Math.Floor(northing / 250) * 250);
        Assert.Equal("new-hot-spot", cell.GetProperty("pattern").GetString());
        Assert.Equal("New hot spot", cell.GetProperty("class").GetString());
        Assert.Equal(30, cell.GetProperty("count").GetDouble());
        Assert.Equal(3, cell.GetProperty("bin").GetInt32());
    }

    [Fact]
    public async Task Harm_weights_are_off_unless_asked_for_and_the_answer_says_which()
    {
        await using var server = new HotSpotsServer(new Dictionary<string, string?>
        {
            ["HotSpots:Harm:Weights:anti-social-behaviour"] = "2.5",
            ["HotSpots:Harm:Weights:violent-crime"] = "10",
        });
        (await server.PostAsync(new[] { HotSpotsServer.Incident("h-1"), HotSpotsServer.Incident("h-2") })).EnsureSuccessStatusCode();
        await server.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(2).WaitAsync(TimeSpan.FromSeconds(10));

        var plain = await server.Viewer().GetFromJsonAsync<JsonElement>($"{Path}?group=asb&window=7d");
        var weighed = await server.Viewer().GetFromJsonAsync<JsonElement>($"{Path}?group=asb&window=7d&harm=true");

        Assert.False(plain.GetProperty("harm").GetBoolean());
        Assert.Equal(2, plain.GetProperty("total").GetDouble());
        Assert.True(weighed.GetProperty("harm").GetBoolean());
        Assert.Equal(5, weighed.GetProperty("total").GetDouble());
        // The cell's neighbours are listed too: their neighbourhoods hold it, so they may be significant while empty.
        Assert.Equal(5, weighed.GetProperty("features").EnumerateArray().Max(f => f.GetProperty("properties").GetProperty("count").GetDouble()));
    }

    [Fact]
    public async Task A_grid_without_incidents_has_no_variance_and_says_so_instead_of_inventing_hot_spots()
    {
        var grid = await Server.Viewer().GetFromJsonAsync<JsonElement>($"{Path}?window=month&month=2018-01");

        Assert.False(grid.GetProperty("hasVariance").GetBoolean());
        Assert.Equal(0, grid.GetProperty("features").GetArrayLength());
        Assert.True(grid.GetProperty("cells").GetInt32() > 0);
        Assert.Contains("no hot or cold spots", grid.GetProperty("note").GetString());
    }

    /// <summary>
    /// Thurrock's police.uk ASB of January 2018 on its real ward boundaries: the grid the server builds live (the log
    /// reader placing each incident in its tile grain) is the grid computed here from the CSV rows straight into a
    /// <see cref="CellGrid"/>, and it is the same again after a restart.
    /// </summary>
    [Fact]
    public async Task Thurrock_asb_cells_counts_and_z_scores_are_the_same_live_from_scratch_and_after_a_restart()
    {
        using var dir = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["HotSpots:Geography:Wards:Files:0"] = SharedData.ThurrockWards };
        var rows = ThurrockAsb();

        string live;
        await using (var server = new HotSpotsServer(settings, dir.Path))
        {
            await PostAsync(server, rows);
            live = await server.Viewer().GetStringAsync($"{Path}?group=asb&window=month&month=2018-01");

            var wards = server.Services.GetRequiredService<MonitorDirectory>().Geography.Wards;
            var scratch = new CellGrid(CellSize.Default, GridCoverage.Cells(wards, CellSize.Default));
            var counted = 0;
            foreach (var row in rows.Where(r => wards.Index.FindOne(r.Lon, r.Lat) is not null))
            {
                var (easting, northing) = BritishNationalGrid.FromWgs84(row.Lat, row.Lon);
                if (scratch.Add(easting, northing)) counted++;
            }
            var scores = scratch.ScoreAll();
            var expected = new Dictionary<(double, double), (double Count, double? Z, int Bin)>();
            for (var i = 0; i < scratch.Cells.Count; i++)
            {
                if (scratch.ValueAt(i) == 0 && scores.Cells[i].Bin == 0) continue;
                var (e, n) = CellSize.Default.SouthWestOf(scratch.Cells[i]);
                expected[(e, n)] = (scratch.ValueAt(i), scores.Cells[i].Z, scores.Cells[i].Bin);
            }

            var grid = JsonDocument.Parse(live).RootElement;
            Assert.True(counted > 200, $"only {counted} incidents in the grid: the test would prove little");
            Assert.Equal(scratch.Cells.Count, grid.GetProperty("cells").GetInt32());
            Assert.Equal(counted, grid.GetProperty("total").GetDouble());
            Assert.True(grid.GetProperty("hasVariance").GetBoolean());
            var features = grid.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
            Assert.Equal(expected.Count, features.Count);
            foreach (var p in features)
            {
                var (count, z, bin) = expected[(p.GetProperty("easting").GetDouble(), p.GetProperty("northing").GetDouble())];
                Assert.Equal(count, p.GetProperty("count").GetDouble());
                Assert.Equal(z!.Value, p.GetProperty("z").GetDouble(), 4);
                Assert.Equal(bin, p.GetProperty("bin").GetInt32());
                Assert.Equal(CellScore.Describe(bin), p.GetProperty("class").GetString());
            }
            Assert.Contains(features, p => p.GetProperty("bin").GetInt32() == 3);
        }

        await using (var restarted = new HotSpotsServer(settings, dir.Path))
        {
            Assert.Equal(live, await restarted.Viewer().GetStringAsync($"{Path}?group=asb&window=month&month=2018-01"));
        }
    }

    /// <summary>
    /// The same month's hot streets: for the ward with the most hot cells, the repeat locations the API lists are
    /// those counted here from the CSV rows in the cells a <see cref="CellGrid"/> filled from the same rows scores hot at
    /// 95% or more, each with its cell's class in words.
    /// </summary>
    [Fact]
    public async Task A_wards_hot_streets_are_the_repeat_locations_in_its_hot_cells_counted_from_the_csv()
    {
        var rows = ThurrockAsb();
        await using var server = new HotSpotsServer(new Dictionary<string, string?> { ["HotSpots:Geography:Wards:Files:0"] = SharedData.ThurrockWards });
        await PostAsync(server, rows);

        var wards = server.Services.GetRequiredService<MonitorDirectory>().Geography.Wards;
        var size = CellSize.Default;
        var scratch = new CellGrid(size, GridCoverage.Cells(wards, size));
        var stored = rows.Where(r => wards.Index.FindOne(r.Lon, r.Lat) is not null).ToList();
        foreach (var row in stored)
        {
            var (easting, northing) = BritishNationalGrid.FromWgs84(row.Lat, row.Lon);
            scratch.Add(easting, northing);
        }
        var scores = scratch.ScoreAll();
        var hotCells = new Dictionary<GridCell, (string Ward, int Bin)>();
        for (var i = 0; i < scratch.Cells.Count; i++)
        {
            if (scores.Cells[i].Bin < 2) continue;
            var (e, n) = size.CentreOf(scratch.Cells[i]);
            var (lat, lon) = BritishNationalGrid.ToWgs84(e, n);
            hotCells[scratch.Cells[i]] = (wards.Index.FindOne(lon, lat)!.Code, scores.Cells[i].Bin);
        }
        var ward = hotCells.Values.GroupBy(c => c.Ward).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var expected = stored
            .Select(r => (Cell: size.CellAt(BritishNationalGrid.FromWgs84(r.Lat, r.Lon).Easting, BritishNationalGrid.FromWgs84(r.Lat, r.Lon).Northing), r.Location))
            .Where(r => hotCells.TryGetValue(r.Cell, out var hot) && hot.Ward == ward)
            .GroupBy(r => r)
            .Select(g => (g.Key.Cell, g.Key.Location, Count: g.Count()))
            .Where(s => s.Count >= 2)
            .OrderByDescending(s => s.Count).ThenBy(s => s.Location, StringComparer.Ordinal).ThenBy(s => s.Cell.Row).ThenBy(s => s.Cell.Column)
            .Take(10)
            .ToList();

        var answer = await server.Viewer().GetFromJsonAsync<JsonElement>($"/api/hotspots/streets?ward={ward}&group=asb&window=month&month=2018-01");

        Assert.True(expected.Count >= 3, $"only {expected.Count} hot streets in {ward}: the test would prove little");
        Assert.Equal(hotCells.Count(c => c.Value.Ward == ward), answer.GetProperty("hotCells").GetInt32());
        Assert.Equal(95, answer.GetProperty("leastConfidence").GetInt32());
        var streets = answer.GetProperty("streets").EnumerateArray().ToList();
        Assert.Equal(
            expected.Select(s => (s.Location, s.Count, size.SouthWestOf(s.Cell).Easting, size.SouthWestOf(s.Cell).Northing, CellScore.Describe(hotCells[s.Cell].Bin))),
            streets.Select(s => (s.GetProperty("location").GetString()!, s.GetProperty("count").GetInt32(), s.GetProperty("easting").GetDouble(),
                s.GetProperty("northing").GetDouble(), s.GetProperty("class").GetString()!)));
        Assert.All(streets, s => Assert.Equal(ward, s.GetProperty("ward").GetString()));
    }

    [Theory]
    [InlineData("", "ward is required: a ward code of the current set")]
    [InlineData("ward=E00000000", "ward 'E00000000' is not a ward of the current set")]
    [InlineData("ward=E05002235&cell=20", "cell '20' is not a whole number of metres from 100 to 1000")]
    [InlineData("ward=E05002235&group=burglaries", "group 'burglaries' is not asb, deliberate-fires, violence, all or a category")]
    [InlineData("ward=E05002235&window=month&month=2018-1", "month '2018-1' is not yyyy-MM from 1970-01 to 2199-12")]
    public async Task A_hot_streets_selection_that_does_not_exist_is_400_saying_what_is_allowed(string query, string detail)
    {
        var response = await Server.Viewer().GetAsync($"/api/hotspots/streets?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    /// <summary>Thurrock's police.uk ASB rows of January 2018 (with coordinates, roughly inside the borough), each with its published location.</summary>
    private static List<(string Id, double Lat, double Lon, string Location)> ThurrockAsb()
    {
        var rows = new List<(string Id, double Lat, double Lon, string Location)>();
        var line = 0;
        foreach (var text in File.ReadLines(SharedData.PoliceUk("2018-01")))
        {
            var f = PoliceUkEvaluationTests.Split(text);
            if (line++ == 0 || f[9] != "Anti-social behaviour" || f[4] == "" || f[5] == "") continue;
            var (lon, lat) = (double.Parse(f[4], CultureInfo.InvariantCulture), double.Parse(f[5], CultureInfo.InvariantCulture));
            if (lon is > 0.2 and < 0.56 && lat is > 51.43 and < 51.57) rows.Add(($"2018-01:{line}", lat, lon, f[6]));
        }
        return rows;
    }

    private static async Task PostAsync(HotSpotsServer server, List<(string Id, double Lat, double Lon, string Location)> rows)
    {
        foreach (var chunk in rows.Chunk(5_000))
        {
            (await server.PostAsync(chunk.Select(r => new
            {
                source = "police-uk", sourceId = r.Id, category = "anti-social-behaviour", occurredAt = "2018-01", latitude = r.Lat, longitude = r.Lon, locationText = r.Location,
            }).ToArray())).EnsureSuccessStatusCode();
        }
        var stored = await server.Services.GetRequiredService<IIncidentStore>().CountAsync();
        await server.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(stored).WaitAsync(TimeSpan.FromSeconds(30));
    }
}
