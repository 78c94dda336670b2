using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace HotSpots.Geography;

/// <summary>
/// A feature to write: its GeoJSON <c>id</c> (or none), its shape as it is to be written (an area's through
/// <see cref="GeoJsonWriter.AreaShape"/>) and its <c>properties</c> (a null value is written as null).
/// </summary>
public sealed record GeoFeature(string? Id, Geometry Geometry, IEnumerable<KeyValuePair<string, object?>> Properties)
{
    /// <summary>An area's feature: its shape written as areas are (a MultiPolygon to six places).</summary>
    public static GeoFeature Area(string? id, Geometry geometry, params KeyValuePair<string, object?>[] properties) =>
        new(id, GeoJsonWriter.AreaShape(geometry), properties);
}

/// <summary>
/// GeoJSON as HotSpots reads and writes it, through NetTopologySuite's System.Text.Json converters: WGS84 lon/lat,
/// rings kept as drawn (a reoriented ring would change an area's fingerprint, and so its grain), and areas written as
/// MultiPolygons to six places (about 10 cm). Every FeatureCollection HotSpots serves (boundaries, operation layouts,
/// grid cells) is written by <see cref="FeatureCollection"/>.
/// </summary>
public static class GeoJsonWriter
{
    internal static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>The converters' options; a feature's <c>id</c> member is read from and written to its <c>id</c> attribute.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        Converters = { new GeoJsonConverterFactory(Wgs84, false, "id", RingOrientationOption.DoNotModify) },
    };

    public static void WriteGeometry(Utf8JsonWriter json, Geometry geometry) => JsonSerializer.Serialize(json, AreaShape(geometry), Options);

    public static string ToJson(Geometry geometry) => JsonSerializer.Serialize(AreaShape(geometry), Options);

    /// <summary>
    /// A FeatureCollection with the collection's own members (which set, which revision, ...), in the order given, before
    /// <c>features</c>; a feature given an id has it as its GeoJSON <c>id</c>.
    /// </summary>
    public static byte[] FeatureCollection(IEnumerable<KeyValuePair<string, object>> members, IEnumerable<GeoFeature> features)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            foreach (var (name, value) in members)
            {
                json.WritePropertyName(name);
                JsonSerializer.Serialize(json, value, value.GetType(), Options);
            }
            json.WriteStartArray("features");
            foreach (var (id, geometry, properties) in features)
            {
                var feature = new Feature(geometry, new AttributesTable(properties!));
                JsonSerializer.Serialize<IFeature>(json, id is null ? feature : new IdentifiedFeature(feature, id), Options);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Every polygon of <paramref name="geometry"/> as one MultiPolygon, its coordinates rounded to six places.</summary>
    public static MultiPolygon AreaShape(Geometry geometry)
    {
        var polygons = Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN).OfType<Polygon>()
            .Select(p => Wgs84.CreatePolygon(Rounded(p.ExteriorRing), [.. p.InteriorRings.Select(Rounded)]));
        return Wgs84.CreateMultiPolygon([.. polygons]);
    }

    private static LinearRing Rounded(LineString ring) =>
        Wgs84.CreateLinearRing([.. ring.Coordinates.Select(c => Rounded(c.X, c.Y))]);

    /// <summary>A WGS84 position to six places, as every coordinate is written.</summary>
    internal static Coordinate Rounded(double longitude, double latitude) => new(Math.Round(longitude, 6), Math.Round(latitude, 6));

    /// <summary>A feature whose GeoJSON <c>id</c> is its code, kept apart from its properties.</summary>
    private sealed class IdentifiedFeature(Feature feature, string id) : IFeature, IUnique
    {
        public object Id => id;

        public Geometry Geometry { get => feature.Geometry; set => feature.Geometry = value; }

        public Envelope BoundingBox { get => feature.BoundingBox; set => feature.BoundingBox = value; }

        public IAttributesTable Attributes { get => feature.Attributes; set => feature.Attributes = value; }
    }
}
