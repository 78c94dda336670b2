using NetTopologySuite.Geometries;

namespace HotSpots.Geography;

/// <summary>
/// A ward or an operation zone: a code, a name and a WGS84 polygon (x = longitude, y = latitude). <paramref name="Scope"/>
/// is whatever besides the shape decides what the area counts (an exclusion's control wards).
/// </summary>
public sealed record Area(string Code, string Name, Geometry Geometry, string? Scope = null)
{
    /// <summary>
    /// A ward's local authority (ONS code, e.g. <c>E06000034</c>), when known. It groups wards for reports and does not
    /// change what the ward counts, so it is no part of the fingerprint.
    /// </summary>
    public string? Authority { get; init; }

    /// <summary>True when both would count exactly the same incidents, so a monitor of one serves the other.</summary>
    public bool CountsLike(Area other) =>
        Code == other.Code && Scope == other.Scope && Geometry.EqualsExact(other.Geometry);

    /// <summary>
    /// A short digest of everything that decides what the area counts (code, scope, exact shape): two areas that count
    /// alike have the same fingerprint, so it versions the area's grain.
    /// </summary>
    public string Fingerprint()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{Code}\n{Scope}\n"));
        hash.AppendData(Geometry.AsBinary());
        return Convert.ToHexStringLower(hash.GetHashAndReset(), 0, 6);
    }
}

public sealed class AreaSet
{
    public AreaSet(AreaSetKind kind, IEnumerable<Area> areas)
    {
        Kind = kind;
        Areas = [.. areas.OrderBy(a => a.Code, StringComparer.Ordinal)];
        var duplicate = Areas.GroupBy(a => a.Code).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new GeographyException($"{Name}: area code {duplicate.Key} appears more than once");
        Index = new AreaIndex(Areas);
        ByCode = Areas.ToDictionary(a => a.Code, StringComparer.Ordinal);
    }

    public AreaSetKind Kind { get; }

    /// <summary>The set's name in the API: <c>wards</c> or <c>zones</c>.</summary>
    public string Name => NameOf(Kind);

    public static string NameOf(AreaSetKind kind) => kind.Name();

    public IReadOnlyList<Area> Areas { get; }

    public IReadOnlyDictionary<string, Area> ByCode { get; }

    public AreaIndex Index { get; }

    public static bool TryParseName(string? name, out AreaSetKind kind)
    {
        kind = name == "zones" ? AreaSetKind.Zones : AreaSetKind.Wards;
        return name is "wards" or "zones";
    }
}

public sealed class GeographyException(string message) : Exception(message);
