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
        if (type is not ("Polygon" or "MultiPolygon"))
            throw new GeographyException($"{where}: geometry type {type ?? "(none)"} is not Polygon or MultiPolygon");
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
            throw new GeographyException($"{where}: geometry has no coordinates");
        Geometry result;
        try
        {
            result = geometry.Deserialize<Geometry>(GeoJsonWriter.Options)
                ?? throw new GeographyException($"{where}: geometry has no coordinates");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new GeographyException($"{where}: not a {type} of closed rings of at least 4 [longitude, latitude] positions ({ex.Message})");
        }
        if (result.IsEmpty) throw new GeographyException($"{where}: {type} has no rings");
        if (result.Coordinates.FirstOrDefault(c => c.X is < -180 or > 180 || c.Y is < -90 or > 90) is { } outside)
            throw new GeographyException(string.Create(CultureInfo.InvariantCulture,
                $"{where}: position [{outside.X}, {outside.Y}] is not WGS84 longitude/latitude (grid coordinates are not accepted in boundary files)"));
        if (result.IsValid) return result;
        if (repair) return GeometryFixer.Fix(result);
        var error = new IsValidOp(result).ValidationError;
        throw new GeographyException(string.Create(CultureInfo.InvariantCulture,
            $"{where} is not valid: {error.Message} at longitude {error.Coordinate.X}, latitude {error.Coordinate.Y}"));
    }

    [GeneratedRegex("^WD[0-9]{2}CD$", RegexOptions.IgnoreCase)]
    private static partial Regex CodePattern();

    [GeneratedRegex("^WD[0-9]{2}NM$", RegexOptions.IgnoreCase)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^LAD[0-9]{2}CD$", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorityPattern();
}
