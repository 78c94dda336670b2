using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Union;

namespace HotSpots.Geography;

/// <summary>Geometry built in metres: circles, buffers and areas are worked out on the British National Grid, then brought back to WGS84.</summary>
public static class MetricGeometry
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private static readonly GeometryFactory Grid = new(new PrecisionModel(), 27700);

    /// <summary>Segments per quarter circle: 16 keeps a 600 m circle within 0.8 m of the true one.</summary>
    private const int QuadrantSegments = 16;

    public static Polygon Circle(double latitude, double longitude, double radiusMetres)
    {
        if (radiusMetres is <= 0 or > 50_000 || !double.IsFinite(radiusMetres))
            throw new GeographyException($"radius {radiusMetres} m must be between 0 and 50000");
        var (e, n) = BritishNationalGrid.FromWgs84(latitude, longitude);
        return (Polygon)ToWgs84(Grid.CreatePoint(new Coordinate(e, n)).Buffer(radiusMetres, QuadrantSegments));
    }

    /// <summary>
    /// The ring from <paramref name="innerMetres"/> to <paramref name="outerMetres"/> beyond a zone's edge (inner 0: from
    /// the edge itself), less any of <paramref name="excluded"/> (other treated zones, which cannot be a buffer).
    /// </summary>
    public static Geometry Ring(Geometry zone, double innerMetres, double outerMetres, IEnumerable<Geometry> excluded)
    {
        var grid = ToGrid(zone);
        var inner = innerMetres > 0 ? grid.Buffer(innerMetres, QuadrantSegments) : grid;
        // The zone (and any excluded zone) is taken away again in WGS84, on the very polygons the zones are located
        // with: a round trip through the grid moves vertices by millimetres, which would leave slivers of overlap.
        var ring = ToWgs84(Clean(grid.Buffer(outerMetres, QuadrantSegments).Difference(inner))).Difference(zone);
        var others = excluded.ToList();
        if (others.Count > 0) ring = ring.Difference(CascadedPolygonUnion.Union(others));
        return Clean(ring);
    }

    /// <summary>A zone grown by <paramref name="metres"/> (the zone, its buffer and the band between).</summary>
    public static Geometry Grown(Geometry zone, double metres) => ToWgs84(ToGrid(zone).Buffer(metres, QuadrantSegments));

    public static Geometry Union(IReadOnlyList<Geometry> geometries) =>
        geometries.Count == 1 ? geometries[0] : Clean(CascadedPolygonUnion.Union([.. geometries]));

    public static double SquareKilometres(Geometry geometry) => ToGrid(geometry).Area / 1_000_000;

    public static Geometry ToGrid(Geometry geometry) => Transform(geometry, Grid, c =>
    {
        var (e, n) = BritishNationalGrid.FromWgs84(c.Y, c.X);
        return new Coordinate(e, n);
    });

    public static Geometry ToWgs84(Geometry geometry) => Transform(geometry, Wgs84, c =>
    {
        var (lat, lon) = BritishNationalGrid.ToWgs84(c.X, c.Y);
        return new Coordinate(lon, lat);
    });

    private static Geometry Clean(Geometry geometry) =>
        geometry is Polygon or MultiPolygon ? geometry : Wgs84Polygons(geometry);

    /// <summary>Set operations can return a collection with stray lines or points; only the polygons are an area.</summary>
    private static Geometry Wgs84Polygons(Geometry geometry)
    {
        var polygons = Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN).OfType<Polygon>().ToArray();
        return geometry.Factory.CreateMultiPolygon(polygons);
    }

    private static Geometry Transform(Geometry geometry, GeometryFactory factory, Func<Coordinate, Coordinate> convert)
    {
        LinearRing Ring(LineString ring) => factory.CreateLinearRing([.. ring.Coordinates.Select(convert)]);
        Polygon Polygon(Polygon p) => factory.CreatePolygon(Ring(p.ExteriorRing), [.. p.InteriorRings.Select(Ring)]);
        Geometry result = geometry switch
        {
            Polygon p => Polygon(p),
            MultiPolygon m => factory.CreateMultiPolygon([.. Enumerable.Range(0, m.NumGeometries).Select(i => Polygon((Polygon)m.GetGeometryN(i)))]),
            Point p => factory.CreatePoint(convert(p.Coordinate)),
            _ => throw new GeographyException($"cannot convert a {geometry.GeometryType}"),
        };
        return result.IsValid ? result : GeometryFixer.Fix(result);
    }
}
