using System.Text.Json;

namespace HotSpots.Geography.Tests;

public class OperationLayoutTests
{
    private const double Lat = 51.4760, Lon = 0.3220;

    private static (double Lat, double Lon) East(double metres, double north = 0)
    {
        var (e, n) = BritishNationalGrid.FromWgs84(Lat, Lon);
        return BritishNationalGrid.ToWgs84(e + metres, n + north);
    }

    private static AreaSet Zones(params Area[] zones) => new(AreaSetKind.Zones, zones);

    [Fact]
    public void The_default_ring_runs_from_200_to_400_metres_beyond_the_zone_and_never_includes_the_zone()
    {
        var zone = new Area("grip", "Grays", MetricGeometry.Circle(Lat, Lon, 300));
        var layout = OperationLayout.Build(new OperationFrame("op", ["grip"], null, 200, 400), Zones(zone), "w");
        var ring = new AreaIndex([layout.Zones[0].Ring]);

        // Distances from the centre: zone to 300 m, the 0-200 m band to 500 m, the ring to 700 m.
        foreach (var (metres, inRing) in new[] { (0.0, false), (250.0, false), (350.0, false), (480.0, false), (520.0, true), (600.0, true), (680.0, true), (720.0, false) })
        {
            var (lat, lon) = East(metres);
            Assert.True(inRing == (ring.FindOne(lon, lat) is not null), $"{metres} m from the centre");
        }
        Assert.False(layout.Zones[0].Ring.Geometry.Intersects(zone.Geometry));
        // Ring area: pi (700^2 - 500^2), within the polygon approximation.
        Assert.Equal(Math.PI * (0.7 * 0.7 - 0.5 * 0.5), layout.Zones[0].RingSquareKm, 2);
        Assert.Equal(Math.PI * 0.3 * 0.3, layout.Zones[0].ZoneSquareKm, 2);
    }

    [Fact]
    public void An_inner_distance_of_zero_makes_the_ring_the_buffer_minus_the_zone()
    {
        var zone = new Area("grip", "Grays", MetricGeometry.Circle(Lat, Lon, 300));
        var ring = OperationLayout.Build(new OperationFrame("op", ["grip"], null, 0, 200), Zones(zone), "w").Zones[0].Ring.Geometry;

        var expected = MetricGeometry.Grown(zone.Geometry, 200).Difference(zone.Geometry);
        Assert.True(Math.Abs(expected.Area - ring.Area) / expected.Area < 1e-4, $"{ring.Area} against {expected.Area}");
        Assert.Equal(0, ring.Intersection(zone.Geometry).Area, 12);
        var (lat, lon) = East(310);
        Assert.NotNull(new AreaIndex([new Area("r", "r", ring)]).FindOne(lon, lat));
    }

    [Fact]
    public void A_ring_leaves_out_the_operations_other_zones_which_are_treated_not_displacement_areas()
    {
        var a = new Area("a", "A", MetricGeometry.Circle(Lat, Lon, 300));
        var (bLat, bLon) = East(800);
        var b = new Area("b", "B", MetricGeometry.Circle(bLat, bLon, 300));
        var layout = OperationLayout.Build(new OperationFrame("op", ["a", "b"], null, 0, 400), Zones(a, b), "w");

        var ringA = layout.Zones.Single(z => z.Zone == "a").Ring.Geometry;
        Assert.Equal(0, ringA.Intersection(b.Geometry).Area, 12);
        var (lat, lon) = East(600);   // inside b, and within 400 m of a
        Assert.Null(new AreaIndex([new Area("r", "r", ringA)]).FindOne(lon, lat));
        // The control leaves out both zones and everything within 400 m of either.
        var excluded = new AreaIndex([layout.Excluded]);
        foreach (var metres in new[] { 0.0, 650.0, 800.0, 1450.0 })
        {
            var (x, y) = East(metres);
            Assert.NotNull(excluded.FindOne(y, x));
        }
        var (farLat, farLon) = East(1550);
        Assert.Null(excluded.FindOne(farLon, farLat));
    }

    [Fact]
    public void Zones_the_operation_names_but_the_geography_lacks_are_reported_not_laid_out()
    {
        var a = new Area("a", "A", MetricGeometry.Circle(Lat, Lon, 300));

        var layout = OperationLayout.Build(new OperationFrame("op", ["a", "gone"], ["W1"], 200, 400), Zones(a), "w");

        Assert.Equal(["gone"], layout.MissingZones);
        Assert.Single(layout.Zones);
        Assert.True(layout.InControlWards(new Area("W1", "W1", a.Geometry)));
        Assert.False(layout.InControlWards(new Area("W2", "W2", a.Geometry)));
        Assert.False(layout.InControlWards(null));
    }

    [Fact]
    public void A_zone_shape_reads_a_circle_or_a_geometry_and_refuses_both_or_neither()
    {
        var circle = ZoneShape.Read("""{"circle":{"latitude":51.476,"longitude":0.322,"radiusMetres":450}}""");
        Assert.Equal(Math.PI * 0.45 * 0.45, MetricGeometry.SquareKilometres(circle.Geometry), 2);
        Assert.Equal(circle.Json, ZoneShape.Read(circle.Json).Json);

        var square = ZoneShape.Read("""{"geometry":{"type":"Polygon","coordinates":[[[0.32,51.47],[0.33,51.47],[0.33,51.48],[0.32,51.48],[0.32,51.47]]]}}""");
        Assert.True(square.Geometry.Area > 0);
        Assert.Equal(square.Json, ZoneShape.Read(square.Json).Json);

        Assert.Throws<GeographyException>(() => ZoneShape.Read("{}"));
        Assert.Throws<GeographyException>(() => ZoneShape.Read("""{"circle":{"latitude":51.4,"longitude":0.3,"radiusMetres":100},"geometry":{"type":"Polygon","coordinates":[]}}"""));
        Assert.Throws<GeographyException>(() => ZoneShape.Read("""{"circle":{"latitude":"x","longitude":0.3,"radiusMetres":100}}"""));
        Assert.Throws<GeographyException>(() => ZoneShape.Read("""{"geometry":{"type":"Polygon","coordinates":[[[0.32,51.47],[0.33,51.47]]]}}"""));
        Assert.Throws<GeographyException>(() => ZoneShape.Read("""{"circle":{"latitude":40.7,"longitude":-74,"radiusMetres":100}}"""));
    }

    [Fact]
    public void A_geography_places_a_point_in_rings_and_in_exclusions_only_within_the_control_wards()
    {
        var zone = new Area("grip", "Grays", MetricGeometry.Circle(Lat, Lon, 300));
        var ward = new Area("W1", "Ward", MetricGeometry.Circle(Lat, Lon, 3000));
        var geography = new GeographyModel(new AreaSet(AreaSetKind.Wards, [ward]), Zones(zone), false)
            .WithOperations([new OperationFrame("op", ["grip"], null, 200, 400)], revision: 3);
        List<Area> rings = [], exclusions = [];

        var (lat, lon) = East(600);
        geography.LocateEvaluationAreas(lat, lon, geography.Locate(lat, lon).Ward, rings, exclusions);

        Assert.Equal(["op/grip"], rings.Select(r => r.Code));
        Assert.Equal(["op"], exclusions.Select(e => e.Code));
        Assert.Equal(3, geography.Revision);
        rings.Clear();
        exclusions.Clear();
        geography.LocateEvaluationAreas(lat, lon, null, rings, exclusions);
        Assert.Empty(exclusions);
        Assert.Single(rings);
        Assert.Equal("MultiPolygon", JsonDocument.Parse(GeoJsonWriter.ToJson(zone.Geometry)).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public void A_layout_is_drawn_as_the_excluded_area_then_each_zones_buffer_and_zone()
    {
        var zone = new Area("grip", "Grays", MetricGeometry.Circle(Lat, Lon, 300));
        var layout = OperationLayout.Build(new OperationFrame("op", ["grip"], null, 200, 400), Zones(zone), "w");

        var root = JsonDocument.Parse(layout.ToGeoJson(Zones(zone))).RootElement;

        Assert.Equal(("FeatureCollection", "op"), (root.GetProperty("type").GetString(), root.GetProperty("operation").GetString()));
        var features = root.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties"))
            .Select(p => (p.GetProperty("role").GetString(), p.GetProperty("code").GetString(), p.GetProperty("name").GetString()));
        Assert.Equal([("excluded", "op", "op: excluded from control"), ("buffer", "grip", "Grays: buffer"), ("zone", "grip", "Grays")], features);
    }

    [Fact]
    public void A_layout_without_zones_draws_an_empty_excluded_area()
    {
        var layout = OperationLayout.Build(new OperationFrame("op", ["gone"], null, 200, 400), Zones(), "w");

        var feature = Assert.Single(JsonDocument.Parse(layout.ToGeoJson(Zones())).RootElement.GetProperty("features").EnumerateArray());

        Assert.Equal("MultiPolygon", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(0, feature.GetProperty("geometry").GetProperty("coordinates").GetArrayLength());
    }
}
