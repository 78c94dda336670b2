using System.Text.Json;
using NetTopologySuite.Geometries;

namespace HotSpots.Geography;

/// <summary>Writes polygons as GeoJSON MultiPolygons (lon/lat to six places: about 10 cm).</summary>
public static class GeoJsonWriter
{
    public static void WriteGeometry(Utf8JsonWriter json, Geometry geometry)
    {
        var polygons = Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN).OfType<Polygon>().ToList();
        json.WriteStartObject();
        json.WriteString("type", "MultiPolygon");
        json.WriteStartArray("coordinates");
        foreach (var polygon in polygons)
        {
            json.WriteStartArray();
            foreach (var ring in new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings))
            {
                json.WriteStartArray();
                foreach (var c in ring.Coordinates)
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(Math.Round(c.X, 6));
                    json.WriteNumberValue(Math.Round(c.Y, 6));
                    json.WriteEndArray();
                }
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string ToJson(Geometry geometry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) WriteGeometry(json, geometry);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
