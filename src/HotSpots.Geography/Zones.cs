using NetTopologySuite.Geometries;

namespace HotSpots.Geography;

/// <summary>Geometry built in metres: circles and rings are buffered on the British National Grid, then brought back to WGS84.</summary>
public static class MetricGeometry
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private static readonly GeometryFactory Grid = new(new PrecisionModel(), 27700);

    public static Polygon Circle(double latitude, double longitude, double radiusMetres)
    {
        if (radiusMetres is <= 0 or > 50_000 || !double.IsFinite(radiusMetres))
            throw new GeographyException($"radius {radiusMetres} m must be between 0 and 50000");
        var (e, n) = BritishNationalGrid.FromWgs84(latitude, longitude);
        var circle = (Polygon)Grid.CreatePoint(new Coordinate(e, n)).Buffer(radiusMetres, 16);
        return ToWgs84(circle);
    }

    private static Polygon ToWgs84(Polygon polygon)
    {
        LinearRing Ring(LineString ring) => Wgs84.CreateLinearRing([.. ring.Coordinates.Select(c =>
        {
            var (lat, lon) = BritishNationalGrid.ToWgs84(c.X, c.Y);
            return new Coordinate(lon, lat);
        })]);
        return Wgs84.CreatePolygon(Ring(polygon.ExteriorRing), [.. polygon.InteriorRings.Select(Ring)]);
    }
}
