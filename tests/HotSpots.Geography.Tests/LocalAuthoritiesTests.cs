using System.Text.Json;
using HotSpots.Testing;

namespace HotSpots.Geography.Tests;

public sealed class LocalAuthoritiesTests : IDisposable
{
    private const string Ward = """{"type":"Feature","properties":{PROPS},"geometry":{"type":"Polygon","coordinates":[[[0.30,51.47],[0.31,51.47],[0.31,51.48],[0.30,51.48],[0.30,51.47]]]}}""";
    private readonly TempDirectory _dir = new();

    private string File(string name, params string[] properties)
    {
        var path = _dir.File(name);
        System.IO.File.WriteAllText(path, $$"""{"type":"FeatureCollection","features":[{{string.Join(",", properties.Select(p => Ward.Replace("{PROPS}", p)))}}]}""");
        return path;
    }

    [Fact]
    public void A_ward_file_named_by_an_authority_code_gives_its_wards_that_authority_unless_a_ward_names_its_own()
    {
        var path = File("E06000034.geojson", """{"WD13CD":"E05002229"}""", """{"WD13CD":"E05000002","LAD13CD":"E07000066"}""");

        var wards = GeoJsonAreaReader.Read(path);

        Assert.Equal(["E06000034", "E07000066"], wards.Select(w => w.Authority));
    }

    [Fact]
    public void A_file_named_otherwise_gives_no_authority_and_a_ward_code_is_not_an_authority_code()
    {
        Assert.Null(Assert.Single(GeoJsonAreaReader.Read(File("thurrock.geojson", """{"WD13CD":"E05002229"}"""))).Authority);
        Assert.Null(Assert.Single(GeoJsonAreaReader.Read(File("E05002229.geojson", """{"WD13CD":"E05002229"}"""))).Authority);
    }

    [Fact]
    public void Configuration_names_authorities_and_places_wards_over_what_the_files_say()
    {
        var options = new GeographyOptions { Wards = { Files = [File("E06000034.geojson", """{"WD13CD":"E05002229"}""", """{"WD13CD":"E05002230"}""")] } };
        options.Authorities["E07000066"] = new AuthorityOptions { Name = "Basildon Borough", Wards = ["E05002230"] };

        var wards = GeographyModel.LoadWards(options, out _);

        Assert.Equal(["E06000034", "E07000066"], wards.Select(w => w.Authority));
        Assert.Equal("Basildon Borough", LocalAuthorities.Describe("E07000066", options).Name);
        Assert.Equal("Thurrock", LocalAuthorities.Describe("E06000034", options).Name);
        Assert.Equal("E09000001", LocalAuthorities.Describe("E09000001", options).Name);
    }

    [Fact]
    public void A_ward_configured_in_two_authorities_stops_the_load_naming_it()
    {
        var options = new GeographyOptions();
        options.Authorities["E06000034"] = new AuthorityOptions { Wards = ["E05002230"] };
        options.Authorities["E07000066"] = new AuthorityOptions { Wards = ["E05002230"] };

        var ex = Assert.Throws<GeographyException>(() => GeographyModel.LoadWards(options, out _));

        Assert.Contains("E05002230", ex.Message);
    }

    [Fact]
    public void The_demo_wards_are_Thurrock_and_every_Essex_file_gives_its_wards_the_authority_it_is_named_after()
    {
        Assert.All(GeographyModel.LoadWards(new GeographyOptions(), out _), w => Assert.Equal("E06000034", w.Authority));
        var essex = GeographyModel.LoadWards(new GeographyOptions { Wards = { Files = [.. SharedData.EssexWardFiles] } }, out _);
        Assert.Equal(14, essex.Select(w => w.Authority).Distinct().Count());
        Assert.All(essex.GroupBy(w => w.Authority!), g => Assert.True(LocalAuthorities.Shipped.ContainsKey(g.Key)));
        Assert.Equal(20, essex.Count(w => w.Authority == LocalAuthorities.Thurrock));
    }

    [Fact]
    public void A_ward_set_loaded_as_GeoJSON_takes_its_authorities_from_LAD_properties()
    {
        var json = $$"""{"type":"FeatureCollection","features":[{{Ward.Replace("{PROPS}", """{"WD24CD":"E05015000","LAD24CD":"E06000034"}""")}}]}""";

        var ward = Assert.Single(GeoJsonAreaReader.Read(JsonDocument.Parse(json), "ward set 2026"));

        Assert.Equal("E06000034", ward.Authority);
    }

    public void Dispose() => _dir.Dispose();
}
