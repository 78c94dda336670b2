using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace HotSpots.Geography;

/// <summary>
/// Reads areas from a GeoJSON FeatureCollection (Polygon and MultiPolygon, WGS84 lon/lat). The code and name
/// properties are configurable; by default ONS-style <c>WDyyCD</c>/<c>WDyyNM</c> (any year) and plain
/// <c>code</c>/<c>name</c> are recognised, and a ward's authority from ONS <c>LADyyCD</c> (or from the name of a file
/// named by an authority's code, as the Essex files are). Invalid rings (self-touching, wrong orientation) are repaired, not refused,
/// except in a zone being drawn. The collection, its features and their properties are NetTopologySuite's
/// (<see cref="FeatureCollection"/>, <see cref="IFeature"/>, <see cref="IAttributesTable"/>); rings are kept as drawn.
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
        var collection = FeatureCollectionOf(document.RootElement, origin);
        var areas = new List<Area>(collection.Count);
        for (var index = 0; index < collection.Count; index++)
        {
            var feature = collection[index];
            var where = $"{origin}: feature {index}";
            if (feature.Attributes is not { } properties) throw new GeographyException($"{where} has no properties");
            var code = Property(properties, codeProperty, CodePattern(), "code")
                ?? throw new GeographyException($"{where} has no code property ({codeProperty ?? "WDyyCD or code"})");
            var name = Property(properties, nameProperty, NamePattern(), "name") ?? code;
            if (feature.Geometry is not { } geometry) throw new GeographyException($"{where} ({code}) has no geometry");
            var authority = Property(properties, authorityProperty, AuthorityPattern(), "authority") ?? fileAuthority;
            areas.Add(new Area(code, name, Checked(geometry, $"{where} ({code})", repair: true)) { Authority = authority });
        }
        return areas;
    }

    /// <summary>
    /// The document as NetTopologySuite's FeatureCollection. A geometry the library cannot build fails the whole
    /// collection without saying where, so the features are then read one by one to name the one at fault.
    /// </summary>
    private static FeatureCollection FeatureCollectionOf(JsonElement root, string origin)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.GetString() != "FeatureCollection"
            || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new GeographyException($"{origin}: not a GeoJSON FeatureCollection");
        }
        try
        {
            return root.Deserialize<FeatureCollection>(GeoJsonWriter.Options) ?? throw new GeographyException($"{origin}: not a GeoJSON FeatureCollection");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                var where = $"{origin}: feature {index++}";
                if (feature.ValueKind != JsonValueKind.Object) throw new GeographyException($"{where} is not a GeoJSON Feature");
                if (feature.TryGetProperty("geometry", out var geometry) && geometry.ValueKind == JsonValueKind.Object) ReadGeometry(geometry, where);
            }
            throw new GeographyException($"{origin}: not a GeoJSON FeatureCollection ({ex.Message})");
        }
    }

    /// <summary>A string or number property: the configured name, else a name the pattern or the plain name matches.</summary>
    private static string? Property(IAttributesTable properties, string? configured, Regex pattern, string plain)
    {
        foreach (var name in properties.GetNames())
        {
            var match = configured is not null
                ? name == configured
                : pattern.IsMatch(name) || string.Equals(name, plain, StringComparison.OrdinalIgnoreCase);
            var value = match ? properties[name] switch
            {
                string text => text,
                decimal number => number.ToString(CultureInfo.InvariantCulture),
                _ => null,
            } : null;
            if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
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
        return Checked(result, where, repair);
    }

    /// <summary>An area's shape as read: a Polygon or MultiPolygon with rings, in WGS84, valid (or repaired when allowed).</summary>
    private static Geometry Checked(Geometry geometry, string where, bool repair)
    {
        if (geometry is not (Polygon or MultiPolygon))
            throw new GeographyException($"{where}: geometry type {geometry.GeometryType} is not Polygon or MultiPolygon");
        if (geometry.IsEmpty) throw new GeographyException($"{where}: {geometry.GeometryType} has no rings");
        if (geometry.Coordinates.FirstOrDefault(c => c.X is < -180 or > 180 || c.Y is < -90 or > 90) is { } outside)
            throw new GeographyException(string.Create(CultureInfo.InvariantCulture,
                $"{where}: position [{outside.X}, {outside.Y}] is not WGS84 longitude/latitude (grid coordinates are not accepted in boundary files)"));
        if (geometry.IsValid) return geometry;
        if (repair) return GeometryFixer.Fix(geometry);
        var error = new IsValidOp(geometry).ValidationError;
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
