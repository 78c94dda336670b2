using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace HotSpots.Geography;

/// <summary>
/// A set's boundaries as the dashboard draws them: a FeatureCollection saying which set, geography and revision it
/// is, each area a feature with its code as <c>id</c>. Each set of each geography snapshot is serialised once (a
/// change of geography makes a new snapshot).
/// </summary>
public sealed class AreaGeoJson
{
    private readonly ConditionalWeakTable<GeographyModel, ConcurrentDictionary<AreaSetKind, byte[]>> _cache = [];

    public byte[] For(AreaSetKind kind, GeographyModel geography) =>
        _cache.GetValue(geography, _ => new()).GetOrAdd(kind, k => GeoJsonWriter.FeatureCollection(
            new Dictionary<string, object>
            {
                ["set"] = AreaSet.NameOf(k),
                ["geography"] = geography.Mode,
                ["wardSet"] = geography.WardSet.Id,
                ["revision"] = geography.Revision,
                ["note"] = geography.Note,
            },
            geography.Set(k).Areas.Select(a => GeoFeature.Area(a.Code, a.Geometry, new("code", a.Code), new("name", a.Name)))));
}
