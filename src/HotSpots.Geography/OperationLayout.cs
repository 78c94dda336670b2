using NetTopologySuite.Geometries;

namespace HotSpots.Geography;

/// <summary>What an operation's evaluation is drawn on: its zones, buffer distances and control wards (none: every ward).</summary>
public sealed record OperationFrame(string Operation, IReadOnlyList<string> Zones, IReadOnlyList<string>? ControlWards, double BufferInnerMetres, double BufferOuterMetres);

/// <summary>A zone's buffer ring within an operation, and the sizes of both.</summary>
public sealed record ZoneLayout(string Zone, Area Ring, double ZoneSquareKm, double RingSquareKm);

/// <summary>
/// The areas an operation is evaluated over. R is each zone; D is its ring, from the inner to the outer buffer distance
/// beyond the zone, less the operation's other zones (a treated area cannot be a displacement area, which is how
/// overlapping zones are handled); C is the control wards (every ward when none are chosen) less
/// <see cref="Excluded"/>: all the operation's zones grown by the outer distance, so no zone, ring or band between
/// them counts as control. C's count is the control wards' total less the excluded area's count within them.
/// </summary>
public sealed record OperationLayout(string Operation, IReadOnlySet<string>? ControlWards, Area Excluded, IReadOnlyList<ZoneLayout> Zones, IReadOnlyList<string> MissingZones)
{
    /// <summary>Whether an incident in <paramref name="ward"/> (null: outside every ward) belongs to the control wards.</summary>
    public bool InControlWards(Area? ward) => ward is not null && (ControlWards is null || ControlWards.Contains(ward.Code));

    /// <summary>
    /// The layout as a GeoJSON FeatureCollection for the map: what the control leaves out, then each zone's buffer ring
    /// and the zone itself, every feature's <c>role</c> saying which (<c>excluded</c>, <c>buffer</c>, <c>zone</c>).
    /// </summary>
    public byte[] ToGeoJson(AreaSet zones)
    {
        GeoFeature Feature(string role, string code, Area area) => GeoFeature.Area(null, area.Geometry, new("role", role), new("code", code), new("name", area.Name));
        var features = new List<GeoFeature> { Feature("excluded", Operation, Excluded) };
        foreach (var zone in Zones)
        {
            features.Add(Feature("buffer", zone.Zone, zone.Ring));
            features.Add(Feature("zone", zone.Zone, zones.ByCode[zone.Zone]));
        }
        return GeoJsonWriter.FeatureCollection(new Dictionary<string, object> { ["operation"] = Operation }, features);
    }

    public static OperationLayout Build(OperationFrame frame, AreaSet zones, string wardSetId)
    {
        var present = frame.Zones.Where(zones.ByCode.ContainsKey).Select(z => zones.ByCode[z]).ToList();
        var missing = frame.Zones.Where(z => !zones.ByCode.ContainsKey(z)).ToList();
        var layouts = present.Select(zone =>
        {
            var ring = MetricGeometry.Ring(zone.Geometry, frame.BufferInnerMetres, frame.BufferOuterMetres,
                present.Where(o => o.Code != zone.Code).Select(o => o.Geometry));
            return new ZoneLayout(zone.Code, new Area($"{frame.Operation}/{zone.Code}", $"{zone.Name}: buffer", ring),
                MetricGeometry.SquareKilometres(zone.Geometry), MetricGeometry.SquareKilometres(ring));
        }).ToList();
        var excluded = present.Count == 0
            ? new GeometryFactory(new PrecisionModel(), 4326).CreateMultiPolygon()
            : MetricGeometry.Union([.. present.Select(z => MetricGeometry.Grown(z.Geometry, frame.BufferOuterMetres))]);
        var control = frame.ControlWards is { Count: > 0 } chosen ? chosen.ToHashSet(StringComparer.Ordinal) : null;
        var scope = $"{wardSetId}:{(control is null ? "*" : string.Join(",", control.Order(StringComparer.Ordinal)))}";
        return new OperationLayout(frame.Operation, control, new Area(frame.Operation, $"{frame.Operation}: excluded from control", excluded, scope), layouts, missing);
    }
}
