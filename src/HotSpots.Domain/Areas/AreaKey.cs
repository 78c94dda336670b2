namespace HotSpots.Domain.Areas;

/// <summary>Wards partition the map (a point is in at most one); zones may overlap each other and the wards.</summary>
public enum AreaSetKind
{
    Wards,
    Zones,

    /// <summary>Each operation zone's buffer ring (the displacement area D), coded <c>operation/zone</c>.</summary>
    Rings,

    /// <summary>Per operation, what its control area leaves out: its zones and their buffers, within the control wards.</summary>
    Exclusions,
}

/// <summary>An area's identity within one geography: the set and the area code.</summary>
public readonly record struct AreaKey(AreaSetKind Set, string Code)
{
    public override string ToString() => $"{Set.Name()}/{Code}";
}

public static class AreaSets
{
    /// <summary>The set's name in the API: <c>wards</c>, <c>zones</c>, <c>rings</c> or <c>exclusions</c>.</summary>
    public static string Name(this AreaSetKind kind) => kind switch
    {
        AreaSetKind.Wards => "wards",
        AreaSetKind.Zones => "zones",
        AreaSetKind.Rings => "rings",
        _ => "exclusions",
    };

    /// <summary>
    /// The key of an area's grain. It names the kind and the version of the area (the ward set for a ward, and for
    /// every area a fingerprint of what it counts), so a redrawn zone or an older ward set gets a grain of its own and
    /// never inherits counts made on another shape. Keys always start with a word, never with something that reads
    /// as a number (storage providers have been known to store hex-looking string keys as integers).
    /// </summary>
    public static string GrainKey(AreaKey key, string? wardSet, string fingerprint) => key.Set switch
    {
        AreaSetKind.Wards => $"ward:{wardSet}/{key.Code}@{fingerprint}",
        AreaSetKind.Zones => $"zone:{key.Code}@{fingerprint}",
        AreaSetKind.Rings => $"ring:{key.Code}@{fingerprint}",
        _ => $"exclusion:{key.Code}@{fingerprint}",
    };
}
