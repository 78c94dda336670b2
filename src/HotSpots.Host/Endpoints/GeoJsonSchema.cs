using System.ComponentModel;

namespace HotSpots.Host.Endpoints;

// The boundaries and layouts are written by NetTopologySuite's converters as bytes, which the OpenAPI generator cannot
// see into; these records describe what they write, so that the document shows the GeoJSON a client receives.

/// <summary>A GeoJSON FeatureCollection (RFC 7946) in WGS84 longitude/latitude.</summary>
[Description("A GeoJSON FeatureCollection (RFC 7946), WGS84 longitude/latitude. Boundaries also carry set, geography, wardSet, revision and note; a layout carries operation.")]
public sealed record GeoJsonFeatureCollection(
    [property: Description("Always FeatureCollection")] string Type,
    [property: Description("wards or zones (boundaries)")] string? Set,
    [property: Description("demo or configured (boundaries)")] string? Geography,
    [property: Description("The ward set the boundaries belong to")] string? WardSet,
    [property: Description("The geography revision the boundaries were built from")] long? Revision,
    [property: Description("Where the boundaries come from, in words")] string? Note,
    [property: Description("The operation a layout is drawn for")] string? Operation,
    IReadOnlyList<GeoJsonFeature> Features);

/// <summary>One area: its code as <c>id</c> (boundaries), its properties and its MultiPolygon.</summary>
public sealed record GeoJsonFeature(
    [property: Description("Always Feature")] string Type,
    [property: Description("The area's code (boundaries)")] string? Id,
    GeoJsonAreaProperties Properties,
    GeoJsonMultiPolygon Geometry);

public sealed record GeoJsonAreaProperties(
    string Code,
    string Name,
    [property: Description("In a layout: zone, buffer or excluded")] string? Role);

/// <summary>Polygons, each a list of rings (the first the outer edge), each a list of [longitude, latitude] positions.</summary>
public sealed record GeoJsonMultiPolygon(
    [property: Description("Always MultiPolygon")] string Type,
    [property: Description("Polygons of rings of [longitude, latitude], to six decimal places")] double[][][][] Coordinates);
