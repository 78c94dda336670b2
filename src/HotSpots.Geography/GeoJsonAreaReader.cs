using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace HotSpots.Geography;

/// <summary>
/// Reads areas from a GeoJSON FeatureCollection (Polygon and MultiPolygon, WGS84 lon/lat). The code and name
/// properties are configurable; by default ONS-style <c>WDyyCD</c>/<c>WDyyNM</c> (any year) and plain
/// <c>code</c>/<c>name</c> are recognised, and a ward's authority from ONS <c>LADyyCD</c> (or from the name of a file
/// named by an authority's code, as the Essex files are). Invalid rings (self-touching, wrong orientation) are repaired, not refused,
/// except in a zone being drawn.
/// </summary>
public static partial class GeoJsonAreaReader
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static IReadOnlyList<Area> Read(string path, string? codeProperty = null, string? nameProperty = null, string? authorityProperty = null)
    {
        if (!File.Exists(path)) throw new GeographyException($"boundary file {path} does not exist");
        using var stream = File.OpenRead(path);
        try
        {
            return Read(JsonDocument.Parse(stream), path, codeProperty, nameProperty, authorityProperty, LocalAuthorities.OfFileName(path));
        }
        catch (JsonException ex)
        {
            throw new GeographyException($"{path}: not valid JSON ({ex.Message})");
        }
    }

    public static IReadOnlyList<Area> Read(
        JsonDocument document, string origin, string? codeProperty = null, string? nameProperty = null, string? authorityProperty = null, string? fileAuthority = null)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.GetString() != "FeatureCollection"
            || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new GeographyException($"{origin}: not a GeoJSON FeatureCollection");
        }

        var areas = new List<Area>();
        var index = 0;
        foreach (var feature in features.EnumerateArray())
        {
            var where = $"{origin}: feature {index++}";
            if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
                throw new GeographyException($"{where} has no properties");
            var code = Property(properties, codeProperty, CodePattern(), "code")
                ?? throw new GeographyException($"{where} has no code property ({codeProperty ?? "WDyyCD or code"})");
            var name = Property(properties, nameProperty, NamePattern(), "name") ?? code;
            if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
                throw new GeographyException($"{where} ({code}) has no geometry");
            var authority = Property(properties, authorityProperty, AuthorityPattern(), "authority") ?? fileAuthority;
            areas.Add(new Area(code, name, ReadGeometry(geometry, $"{where} ({code})")) { Authority = authority });
        }
        return areas;
    }

    private static string? Property(JsonElement properties, string? configured, Regex pattern, string plain)
    {
        foreach (var p in properties.EnumerateObject())
        {
            var match = configured is not null
                ? p.Name == configured
                : pattern.IsMatch(p.Name) || string.Equals(p.Name, plain, StringComparison.OrdinalIgnoreCase);
            if (match && p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                var value = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
                if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
            }
        }
        return null;
    }

    /// <summary>
    /// A GeoJSON Polygon or MultiPolygon geometry object in WGS84, repaired when its rings are invalid (published
    /// boundaries, stored zones), or with <paramref name="repair"/> false refused naming the fault (a shape just drawn,
    /// whose author should see that a ring crosses itself rather than get a repaired shape they never drew).
    /// </summary>
    public static Geometry ReadGeometry(JsonElement geometry, string where, bool repair = true)
    {
        if (geometry.ValueKind != JsonValueKind.Object) throw new GeographyException($"{where}: geometry is not a GeoJSON object");
        var type = geometry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
            throw new GeographyException($"{where}: geometry has no coordinates");
        Geometry result = type switch
        {
            "Polygon" => ReadPolygon(coordinates, where),
            "MultiPolygon" => Factory.CreateMultiPolygon([.. coordinates.EnumerateArray().Select(p => ReadPolygon(p, where))]),
            _ => throw new GeographyException($"{where}: geometry type {type ?? "(none)"} is not Polygon or MultiPolygon"),
        };
        if (result.IsValid) return result;
        if (repair) return GeometryFixer.Fix(result);
        var error = new IsValidOp(result).ValidationError;
        throw new GeographyException(string.Create(CultureInfo.InvariantCulture,
            $"{where} is not valid: {error.Message} at longitude {error.Coordinate.X}, latitude {error.Coordinate.Y}"));
    }

    private static Polygon ReadPolygon(JsonElement rings, string where)
    {
        if (rings.ValueKind != JsonValueKind.Array) throw new GeographyException($"{where}: a polygon is not an array of rings");
        try
        {
            return ReadRings(rings, where);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new GeographyException($"{where}: a ring is not closed or has fewer than 4 positions ({ex.Message})");
        }
    }

    private static Polygon ReadRings(JsonElement rings, string where)
    {
        var linear = rings.EnumerateArray().Select(ring => Factory.CreateLinearRing([.. ring.EnumerateArray().Select(position =>
        {
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2)
                throw new GeographyException($"{where}: a position is not [longitude, latitude]");
            if (position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
                throw new GeographyException($"{where}: a position is not [longitude, latitude] numbers");
            var lon = position[0].GetDouble();
            var lat = position[1].GetDouble();
            if (lon is < -180 or > 180 || lat is < -90 or > 90)
                throw new GeographyException($"{where}: position [{lon}, {lat}] is not WGS84 longitude/latitude (grid coordinates are not accepted in boundary files)");
            return new Coordinate(lon, lat);
        })])).ToArray();
        if (linear.Length == 0) throw new GeographyException($"{where}: polygon has no rings");
        return Factory.CreatePolygon(linear[0], linear[1..]);
    }

    [GeneratedRegex("^WD[0-9]{2}CD$", RegexOptions.IgnoreCase)]
    private static partial Regex CodePattern();

    [GeneratedRegex("^WD[0-9]{2}NM$", RegexOptions.IgnoreCase)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^LAD[0-9]{2}CD$", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorityPattern();
}
