using HotSpots.Testing;

namespace HotSpots.Geography.Tests;

public class BritishNationalGridTests
{
    [Fact]
    public void The_datum_shift_puts_the_Airy_meridian_about_a_hundred_metres_west_of_WGS84_zero()
    {
        // OSGB36's prime meridian is Airy's transit circle at Greenwich (grid E 538873.29, N 177377.44 at
        // 51.4778°N). GPS longitude zero runs about 102 m east of it; without the Helmert shift the answer would be 0 m.
        var (lat, lon) = BritishNationalGrid.ToWgs84(538873.29, 177377.44);

        Assert.True(lon < 0, $"longitude {lon} should be west of zero");
        Assert.InRange(Metres(lat, lon, lat, 0), 90, 125);
        Assert.InRange(lat, 51.477, 51.479);
    }

    [Fact]
    public void Grid_references_and_latitude_longitude_of_the_same_place_give_the_same_ward()
    {
        var wards = new AreaSet(AreaSetKind.Wards, GeoJsonAreaReader.Read(SharedData.ThurrockWards));
        var points = PoliceUkPoints.Thurrock(SharedData.PoliceUk("2018-01"));
        var eastings = new double[points.Count];
        var northings = new double[points.Count];
        for (var i = 0; i < points.Count; i++) (eastings[i], northings[i]) = BritishNationalGrid.FromWgs84(points[i].Latitude, points[i].Longitude);

        BritishNationalGrid.ToWgs84InPlace(eastings, northings);

        // A few snap points sit exactly on a ward boundary (streets often are boundaries), where a millimetre of
        // round-trip difference may legitimately tip them over; anywhere else the ward must be the same.
        var differ = Enumerable.Range(0, points.Count)
            .Where(i => wards.Index.FindOne(points[i].Longitude, points[i].Latitude)?.Code != wards.Index.FindOne(eastings[i], northings[i])?.Code)
            .Select(i => points[i])
            .ToList();
        var factory = new NetTopologySuite.Geometries.GeometryFactory();
        var offBoundary = differ.Where(p =>
        {
            var point = factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(p.Longitude, p.Latitude));
            return wards.Areas.Min(w => w.Geometry.Boundary.Distance(point)) > 2e-5;
        });
        Assert.Empty(offBoundary);
        Assert.True(differ.Count < points.Count / 100, $"{differ.Count} of {points.Count} points changed ward");
        var (lat, lon) = BritishNationalGrid.ToWgs84(561900, 177900);
        Assert.Equal("E05002235", wards.Index.FindOne(lon, lat)!.Code);
    }

    private static double Metres(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180 * Math.Cos(lat1 * Math.PI / 180);
        return 6_371_000 * Math.Sqrt(dLat * dLat + dLon * dLon);
    }
}
