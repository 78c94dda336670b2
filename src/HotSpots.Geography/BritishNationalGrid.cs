using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;
using ProjNet.IO.CoordinateSystems;

namespace HotSpots.Geography;

/// <summary>
/// EPSG:27700 (OSGB36 / British National Grid) to and from WGS84, through ProjNet with the standard seven-parameter
/// Helmert shift (accurate to a few metres, well inside a ward). ProjNet transforms keep per-call state, so each
/// thread gets its own pair.
/// </summary>
public static class BritishNationalGrid
{
    private const string Wkt =
        "PROJCS[\"OSGB 1936 / British National Grid\",GEOGCS[\"OSGB 1936\",DATUM[\"OSGB_1936\"," +
        "SPHEROID[\"Airy 1830\",6377563.396,299.3249646,AUTHORITY[\"EPSG\",\"7001\"]]," +
        "TOWGS84[446.448,-125.157,542.06,0.15,0.247,0.842,-20.489],AUTHORITY[\"EPSG\",\"6277\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]]," +
        "AUTHORITY[\"EPSG\",\"4277\"]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",49]," +
        "PARAMETER[\"central_meridian\",-2],PARAMETER[\"scale_factor\",0.9996012717],PARAMETER[\"false_easting\",400000]," +
        "PARAMETER[\"false_northing\",-100000],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST]," +
        "AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"27700\"]]";

    private static readonly ThreadLocal<(MathTransform ToWgs84, MathTransform FromWgs84)> Transforms = new(() =>
    {
        var grid = (CoordinateSystem)CoordinateSystemWktReader.Parse(Wkt);
        var factory = new CoordinateTransformationFactory();
        return (
            factory.CreateFromCoordinateSystems(grid, GeographicCoordinateSystem.WGS84).MathTransform,
            factory.CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, grid).MathTransform);
    });

    public static (double Latitude, double Longitude) ToWgs84(double easting, double northing)
    {
        var (lon, lat) = Transforms.Value.ToWgs84.Transform(easting, northing);
        return (lat, lon);
    }

    public static (double Easting, double Northing) FromWgs84(double latitude, double longitude) =>
        Transforms.Value.FromWgs84.Transform(longitude, latitude);

    /// <summary>
    /// Grid squares of <paramref name="metres"/> by their south-west corners, as WGS84 polygons to six places (south-west,
    /// south-east, north-east, north-west), every corner converted in one call.
    /// </summary>
    public static Polygon[] Squares(IReadOnlyList<(double Easting, double Northing)> corners, int metres)
    {
        var longitudes = new double[corners.Count * 4];
        var latitudes = new double[corners.Count * 4];
        for (var i = 0; i < corners.Count; i++)
        {
            var (e, n) = corners[i];
            (longitudes[4 * i], latitudes[4 * i]) = (e, n);
            (longitudes[4 * i + 1], latitudes[4 * i + 1]) = (e + metres, n);
            (longitudes[4 * i + 2], latitudes[4 * i + 2]) = (e + metres, n + metres);
            (longitudes[4 * i + 3], latitudes[4 * i + 3]) = (e, n + metres);
        }
        ToWgs84InPlace(longitudes, latitudes);
        var squares = new Polygon[corners.Count];
        for (var i = 0; i < squares.Length; i++)
        {
            var ring = new Coordinate[5];
            for (var k = 0; k <= 4; k++) ring[k] = GeoJsonWriter.Rounded(longitudes[4 * i + k % 4], latitudes[4 * i + k % 4]);
            squares[i] = GeoJsonWriter.Wgs84.CreatePolygon(ring);
        }
        return squares;
    }

    /// <summary>Converts in place: eastings become longitudes and northings latitudes. One call for a whole batch.</summary>
    public static void ToWgs84InPlace(Span<double> eastingsToLongitudes, Span<double> northingsToLatitudes) =>
        Transforms.Value.ToWgs84.Transform(eastingsToLongitudes, northingsToLatitudes, 1, 1);
}
