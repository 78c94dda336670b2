using System.Text.Json;

namespace HotSpots.Geography.Tests;

public class GeoJsonWriterTests
{
    private const string Square = "[[[0.30,51.47],[0.31,51.47],[0.31,51.48],[0.30,51.48],[0.30,51.47]]]";

    private static Area Ward(string code) => Assert.Single(GeoJsonAreaReader.Read(JsonDocument.Parse(
        $$$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"{{{code}}}","name":"Ward {{{code}}}"},"geometry":{"type":"Polygon","coordinates":{{{Square}}}}}]}"""),
        "test.geojson"));

    [Fact]
    public void A_polygon_is_written_as_a_multipolygon_to_six_places_with_its_ring_as_drawn()
    {
        var geometry = MetricGeometry.Circle(51.4760, 0.3220, 300);

        var written = JsonDocument.Parse(GeoJsonWriter.ToJson(geometry)).RootElement;

        Assert.Equal("MultiPolygon", written.GetProperty("type").GetString());
        var ring = written.GetProperty("coordinates")[0][0].EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
        Assert.Equal(geometry.Coordinates.Select(c => (Math.Round(c.X, 6), Math.Round(c.Y, 6))), ring);
    }

    [Fact]
    public void The_text_written_is_the_one_zones_were_stored_with_so_an_unchanged_zone_stays_unchanged()
    {
        Assert.Equal("""{"type":"MultiPolygon","coordinates":[[[[0.3,51.47],[0.31,51.47],[0.31,51.48],[0.3,51.48],[0.3,51.47]]]]}""", GeoJsonWriter.ToJson(Ward("A").Geometry));
    }

    [Fact]
    public void A_shape_read_back_is_the_shape_written_so_its_fingerprint_holds()
    {
        var ward = Ward("A");
        using var document = JsonDocument.Parse(GeoJsonWriter.ToJson(ward.Geometry));

        var again = GeoJsonAreaReader.ReadGeometry(document.RootElement, "again");

        Assert.True(again.EqualsExact(ward.Geometry.Factory.CreateMultiPolygon([(NetTopologySuite.Geometries.Polygon)ward.Geometry])));
    }

    [Fact]
    public void A_set_is_a_feature_collection_naming_itself_with_each_area_identified_by_its_code()
    {
        var geography = new GeographyModel(new AreaSet(AreaSetKind.Wards, [Ward("B"), Ward("A")]), new AreaSet(AreaSetKind.Zones, []), isDemo: false, revision: 7);

        var root = JsonDocument.Parse(new AreaGeoJson().For(AreaSetKind.Wards, geography)).RootElement;

        Assert.Equal(("FeatureCollection", "wards", "configured", "configured", 7), (root.GetProperty("type").GetString(), root.GetProperty("set").GetString(),
            root.GetProperty("geography").GetString(), root.GetProperty("wardSet").GetString(), root.GetProperty("revision").GetInt64()));
        Assert.Equal("Configured boundary files.", root.GetProperty("note").GetString());
        var features = root.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(["A", "B"], features.Select(f => f.GetProperty("id").GetString()));
        Assert.Equal("Ward A", features[0].GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("A", features[0].GetProperty("properties").GetProperty("code").GetString());
        Assert.Equal("MultiPolygon", features[0].GetProperty("geometry").GetProperty("type").GetString());
    }

    [Fact]
    public void A_grid_cell_is_written_as_its_own_polygon_with_a_missing_figure_as_null()
    {
        var square = Assert.Single(BritishNationalGrid.Squares([(561000, 177000)], 250));

        var root = JsonDocument.Parse(GeoJsonWriter.FeatureCollection([new("cell", 250)],
            [new GeoFeature("2244/708", square, [new("count", 3.0), new("z", null)])])).RootElement;

        Assert.Equal(250, root.GetProperty("cell").GetInt32());
        var feature = Assert.Single(root.GetProperty("features").EnumerateArray().ToList());
        Assert.Equal("2244/708", feature.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, feature.GetProperty("properties").GetProperty("z").ValueKind);
        Assert.Equal(3, feature.GetProperty("properties").GetProperty("count").GetDouble());
        Assert.Equal("Polygon", feature.GetProperty("geometry").GetProperty("type").GetString());
        var ring = feature.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
        Assert.Equal(5, ring.Count);
        Assert.Equal(ring[0], ring[4]);
        var (latitude, longitude) = BritishNationalGrid.ToWgs84(561000, 177000);
        Assert.Equal((Math.Round(longitude, 6), Math.Round(latitude, 6)), ring[0]);
        // South-west, south-east, north-east, north-west: east first, then north.
        Assert.True(ring[1].Item1 > ring[0].Item1 && ring[2].Item2 > ring[1].Item2 && ring[3].Item1 < ring[2].Item1);
    }
}
