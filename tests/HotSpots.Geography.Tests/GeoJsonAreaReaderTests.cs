using System.Text.Json;

namespace HotSpots.Geography.Tests;

public class GeoJsonAreaReaderTests
{
    private const string Square = "[[[0.30,51.47],[0.31,51.47],[0.31,51.48],[0.30,51.48],[0.30,51.47]]]";

    private static IReadOnlyList<Area> Read(string json, string? code = null, string? name = null) =>
        GeoJsonAreaReader.Read(JsonDocument.Parse(json), "test.geojson", code, name);

    private static string Collection(string properties, string geometry = $$"""{"type":"Polygon","coordinates":{{Square}}}""") =>
        $$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{{properties}},"geometry":{{geometry}}}]}""";

    [Theory]
    [InlineData("""{"WD13CD":"E05000001","WD13NM":"Alpha"}""")]
    [InlineData("""{"WD24CD":"E05000001","WD24NM":"Alpha","LAD24CD":"E06000034"}""")]
    [InlineData("""{"code":"E05000001","name":"Alpha"}""")]
    public void Ons_ward_properties_of_any_year_and_plain_code_and_name_are_recognised(string properties)
    {
        var area = Assert.Single(Read(Collection(properties)));
        Assert.Equal(("E05000001", "Alpha"), (area.Code, area.Name));
    }

    [Fact]
    public void Configured_property_names_take_precedence()
    {
        var area = Assert.Single(Read(Collection("""{"zone_id":"Z1","label":"Market","code":"ignored"}"""), "zone_id", "label"));
        Assert.Equal(("Z1", "Market"), (area.Code, area.Name));
    }

    [Fact]
    public void A_code_given_as_a_number_is_read_as_its_digits()
    {
        var area = Assert.Single(Read(Collection("""{"code":4201,"name":"Alpha"}""")));
        Assert.Equal(("4201", "Alpha"), (area.Code, area.Name));
    }

    [Fact]
    public void Multipolygons_are_read_whole()
    {
        var area = Assert.Single(Read(Collection("""{"code":"M"}""", $$"""{"type":"MultiPolygon","coordinates":[{{Square}},[[[0.40,51.47],[0.41,51.47],[0.41,51.48],[0.40,51.47]]]]}""")));
        Assert.Equal(2, area.Geometry.NumGeometries);
    }

    [Theory]
    [InlineData("""{"type":"Feature"}""", "not a GeoJSON FeatureCollection")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"other":"x"},"geometry":null}]}""", "has no code property")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A"},"geometry":{"type":"LineString","coordinates":[[0,51],[1,51]]}}]}""", "is not Polygon or MultiPolygon")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":[[[561000,177000],[562000,177000],[562000,178000],[561000,177000]]]}}]}""", "not WGS84")]
    [InlineData($$$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":{{{Square}}}}},{"type":"Feature","properties":{"code":"B"},"geometry":{"type":"Polygon","coordinates":[[[0.30,51.47],[0.31,51.47],[0.31,51.48],[0.30,51.48]]]}}]}""", "feature 1: not a Polygon of closed rings")]
    public void Unusable_files_are_refused_with_a_reason_naming_the_feature(string json, string reason)
    {
        var ex = Assert.Throws<GeographyException>(() => Read(json));
        Assert.Contains(reason, ex.Message);
        Assert.Contains("test.geojson", ex.Message);
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        var ex = Assert.Throws<GeographyException>(() => GeoJsonAreaReader.Read("/nowhere/wards.geojson"));
        Assert.Contains("/nowhere/wards.geojson", ex.Message);
    }

    [Fact]
    public void Duplicate_codes_across_files_are_refused()
    {
        var areas = Read(Collection("""{"code":"A"}""")).Concat(Read(Collection("""{"code":"A"}""")));
        Assert.Throws<GeographyException>(() => new AreaSet(AreaSetKind.Wards, areas));
    }
}
