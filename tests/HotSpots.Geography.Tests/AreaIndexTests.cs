using HotSpots.Testing;
using NetTopologySuite.Geometries;

namespace HotSpots.Geography.Tests;

public class AreaIndexTests
{
    private static readonly Lazy<IReadOnlyList<Area>> RealThurrock = new(() => GeoJsonAreaReader.Read(SharedData.ThurrockWards));

    [Fact]
    public void Every_police_uk_Thurrock_row_with_coordinates_is_placed_in_the_ward_a_brute_force_check_finds()
    {
        var wards = new AreaSet(AreaSetKind.Wards, RealThurrock.Value);
        Assert.Equal(20, wards.Areas.Count);
        var points = PoliceUkPoints.Thurrock(SharedData.PoliceUk("2018-01"));
        Assert.True(points.Count > 1500, $"expected the month's Thurrock rows, found {points.Count}");

        var indexed = new Dictionary<string, int>();
        var bruteForce = new Dictionary<string, int>();
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        foreach (var (lat, lon) in points)
        {
            var ward = wards.Index.FindOne(lon, lat);
            Assert.True(ward is not null, $"{lat}, {lon} was not placed in any ward");
            indexed[ward.Code] = indexed.GetValueOrDefault(ward.Code) + 1;

            var point = factory.CreatePoint(new Coordinate(lon, lat));
            var expected = RealThurrock.Value.Where(w => w.Geometry.Covers(point)).Select(w => w.Code).Order(StringComparer.Ordinal).First();
            bruteForce[expected] = bruteForce.GetValueOrDefault(expected) + 1;
        }

        Assert.Equal(bruteForce.OrderBy(kv => kv.Key), indexed.OrderBy(kv => kv.Key));
        Assert.Equal(points.Count, indexed.Values.Sum());
    }

    [Fact]
    public void A_point_on_a_boundary_shared_by_two_wards_goes_to_the_lower_code_whatever_the_load_order()
    {
        var areas = RealThurrock.Value;
        var (a, b, shared) = areas.SelectMany(x => areas.Where(y => string.CompareOrdinal(x.Code, y.Code) < 0).Select(y => (x, y)))
            .Select(p => (p.x, p.y, vertex: p.x.Geometry.Coordinates.FirstOrDefault(c => p.y.Geometry.Coordinates.Any(d => d.Equals2D(c)))))
            .First(t => t.vertex is not null);

        foreach (var order in new[] { areas, areas.Reverse().ToList() })
        {
            var index = new AreaIndex([.. order.OrderBy(x => x.Code, StringComparer.Ordinal)]);
            Assert.Equal(a.Code, index.FindOne(shared!.X, shared.Y)!.Code);
        }
        Assert.NotEqual(a.Code, b.Code);
    }

    [Fact]
    public void A_point_outside_every_ward_is_not_placed()
    {
        var wards = new AreaSet(AreaSetKind.Wards, RealThurrock.Value);
        Assert.Null(wards.Index.FindOne(-1.5, 53.0));
        Assert.Null(wards.Index.FindOne(0.5, 51.7));
    }

    [Fact]
    public void Overlapping_zones_are_all_found_for_a_point_in_both()
    {
        var zones = new AreaSet(AreaSetKind.Zones,
        [
            new Area("z-big", "Big", MetricGeometry.Circle(51.4760, 0.3220, 800)),
            new Area("z-small", "Small", MetricGeometry.Circle(51.4760, 0.3220, 200)),
            new Area("z-far", "Far", MetricGeometry.Circle(51.5250, 0.4600, 500)),
        ]);

        Assert.Equal(["z-big", "z-small"], zones.Index.FindAll(0.3220, 51.4760).Select(z => z.Code));
        Assert.Empty(zones.Index.FindAll(0.40, 51.50));
    }

    [Fact]
    public void All_fourteen_Essex_authorities_load_as_one_ward_set_of_304_wards()
    {
        var set = new AreaSet(AreaSetKind.Wards, SharedData.EssexWardFiles.SelectMany(f => GeoJsonAreaReader.Read(f)));
        Assert.Equal(304, set.Areas.Count);
        Assert.Equal("Grays Riverside", set.Index.FindOne(0.3217, 51.4757)!.Name);
    }
}
