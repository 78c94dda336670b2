using HotSpots.Geography.Demo;
using HotSpots.Testing;

namespace HotSpots.Geography.Tests.Demo;

public class DemoGeographyTests
{
    [Fact]
    public void The_demo_has_Thurrocks_twenty_wards_with_their_real_codes_and_names()
    {
        var real = GeoJsonAreaReader.Read(SharedData.ThurrockWards).OrderBy(a => a.Code).Select(a => (a.Code, a.Name));
        var demo = DemoGeography.Wards().OrderBy(a => a.Code).Select(a => (a.Code, a.Name));
        Assert.Equal(real, demo);
    }

    [Fact]
    public void Demo_cells_agree_with_the_real_wards_for_most_real_incident_locations()
    {
        var real = new AreaSet(AreaSetKind.Wards, GeoJsonAreaReader.Read(SharedData.ThurrockWards));
        var demo = new AreaSet(AreaSetKind.Wards, DemoGeography.Wards());
        var points = SharedData.PoliceUkFiles.SelectMany(PoliceUkPoints.Thurrock).ToList();

        var agree = points.Count(p => real.Index.FindOne(p.Longitude, p.Latitude)?.Code is { } code && demo.Index.FindOne(p.Longitude, p.Latitude)?.Code == code);

        Assert.InRange((double)agree / points.Count, 0.85, 1.0);
    }

    [Fact]
    public void Demo_cells_partition_the_borough_without_overlaps()
    {
        var wards = DemoGeography.Wards();
        Assert.All(wards, w => Assert.True(w.Geometry.IsValid && w.Geometry.Area > 0, w.Name));
        for (var i = 0; i < wards.Count; i++)
        {
            for (var j = i + 1; j < wards.Count; j++)
            {
                Assert.True(wards[i].Geometry.Intersection(wards[j].Geometry).Area < 1e-9, $"{wards[i].Name} overlaps {wards[j].Name}");
            }
        }
    }

    [Fact]
    public void Grays_station_is_in_Grays_Riverside_and_each_operation_zone_sits_in_the_demo_borough()
    {
        var geography = GeographyModel.Load(new GeographyOptions());
        Assert.True(geography.IsDemo);

        var placement = geography.Locate(51.4757, 0.3217);
        Assert.Equal(("E05002235", "Grays Riverside"), (placement.Ward!.Code, placement.Ward.Name));
        Assert.Contains("op-grip-grays", placement.Zones.Select(z => z.Code));
        Assert.Equal(["op-dial-lakeside", "op-grip-grays", "op-minerva-corringham"], geography.Zones.Areas.Select(z => z.Code));
        Assert.All(DemoGeography.OperationZones, z => Assert.NotNull(geography.Locate(z.Latitude, z.Longitude).Ward));
    }

    [Fact]
    public void Configured_ward_files_replace_the_demo()
    {
        var geography = GeographyModel.Load(new GeographyOptions { Wards = { Files = [SharedData.ThurrockWards] } });
        Assert.False(geography.IsDemo);
        Assert.Equal("configured", geography.Mode);
        Assert.Equal(20, geography.Wards.Areas.Count);
        Assert.Equal(3, geography.Zones.Areas.Count);
    }
}
