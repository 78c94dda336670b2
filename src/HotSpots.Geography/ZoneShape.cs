using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace HotSpots.Geography;

/// <summary>
/// A zone's shape as it is stored and sent: <c>{"circle": {"latitude", "longitude", "radiusMetres"}}</c> or
/// <c>{"geometry": a GeoJSON Polygon or MultiPolygon}</c>. The text is canonical, so equal shapes compare equal.
/// </summary>
public sealed record ZoneShape(string Json, Geometry Geometry, CircleZone? Circle)
{
    public static ZoneShape OfCircle(double latitude, double longitude, double radiusMetres)
    {
        if (!double.IsFinite(latitude) || !double.IsFinite(longitude) || latitude is < 49 or > 61 || longitude is < -9 or > 2.5)
            throw new GeographyException($"circle centre {latitude}, {longitude} is not a latitude and longitude in Great Britain");
        // Rounded as stored, so that the shape read back is the very shape made here.
        (latitude, longitude, radiusMetres) = (Math.Round(latitude, 6), Math.Round(longitude, 6), Math.Round(radiusMetres, 1));
        var geometry = MetricGeometry.Circle(latitude, longitude, radiusMetres);
        var json = string.Create(CultureInfo.InvariantCulture,
            $$$"""{"circle":{"latitude":{{{latitude}}},"longitude":{{{longitude}}},"radiusMetres":{{{radiusMetres}}}}}""");
        return new ZoneShape(json, geometry, new CircleZone("", "", latitude, longitude, radiusMetres));
    }

    public static ZoneShape OfGeometry(Geometry geometry)
    {
        if (geometry.IsEmpty || geometry.Area <= 0) throw new GeographyException("the zone's geometry has no area");
        return new ZoneShape($$$"""{"geometry":{{{GeoJsonWriter.ToJson(geometry)}}}}""", geometry, null);
    }

    /// <summary>Reads a shape from its JSON (a stored one, or one sent to the API).</summary>
    public static ZoneShape Read(JsonElement shape)
    {
        if (shape.ValueKind != JsonValueKind.Object) throw new GeographyException("a zone needs a circle or a geometry");
        return Read(shape.TryGetProperty("circle", out var circle) ? circle : null, shape.TryGetProperty("geometry", out var geometry) ? geometry : null);
    }

    /// <summary>
    /// Reads a shape given as its two possible parts, exactly one of which must be there. An invalid geometry is
    /// repaired, or with <paramref name="repair"/> false (a zone being sent) refused: a zone stored before that check
    /// still loads.
    /// </summary>
    public static ZoneShape Read(JsonElement? circleElement, JsonElement? geometryElement, bool repair = true)
    {
        var hasCircle = circleElement is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };
        var hasGeometry = geometryElement is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };
        var circle = circleElement.GetValueOrDefault();
        var geometry = geometryElement.GetValueOrDefault();
        if (hasCircle == hasGeometry) throw new GeographyException("a zone needs either a circle (latitude, longitude, radiusMetres) or a GeoJSON geometry, not both");
        if (hasGeometry) return OfGeometry(GeoJsonAreaReader.ReadGeometry(geometry, "geometry", repair));
        if (circle.ValueKind != JsonValueKind.Object) throw new GeographyException("circle must be an object with latitude, longitude and radiusMetres");
        return OfCircle(Number(circle, "latitude"), Number(circle, "longitude"), Number(circle, "radiusMetres"));
    }

    public static ZoneShape Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    private static double Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new GeographyException($"circle.{name} must be a number");
}
