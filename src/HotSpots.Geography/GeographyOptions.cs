namespace HotSpots.Geography;

/// <summary>Bound from <c>HotSpots:Geography</c>.</summary>
public sealed class GeographyOptions
{
    public WardSetOptions Wards { get; set; } = new();

    /// <summary>
    /// Local authorities by ONS code: a name (over the shipped <see cref="LocalAuthorities"/> table) and, optionally,
    /// the wards that belong to it when the boundary files do not say.
    /// </summary>
    public Dictionary<string, AuthorityOptions> Authorities { get; set; } = new(StringComparer.Ordinal);

    public ZoneSetOptions Zones { get; set; } = new();

    /// <summary>Configured boundary files (wards, then zones) that do not exist, as given.</summary>
    public IReadOnlyList<string> MissingFiles() => [.. Wards.Files.Concat(Zones.Files).Where(f => !File.Exists(f))];
}

public class AreaSetOptions
{
    /// <summary>GeoJSON files that together make the set (e.g. one per local authority).</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>Feature property holding the code; unset recognises <c>WDyyCD</c> and <c>code</c>.</summary>
    public string? CodeProperty { get; set; }

    /// <summary>Feature property holding the name; unset recognises <c>WDyyNM</c> and <c>name</c>.</summary>
    public string? NameProperty { get; set; }
}

public sealed class WardSetOptions : AreaSetOptions
{
    /// <summary>
    /// Feature property holding the ward's local authority code; unset recognises ONS <c>LADyyCD</c>. A file without it
    /// that is named by an authority's code (<c>E06000034.geojson</c>) gives that authority to all its wards.
    /// </summary>
    public string? AuthorityProperty { get; set; }
}

public sealed class AuthorityOptions
{
    public string? Name { get; set; }

    /// <summary>Ward codes that belong to the authority whatever their boundary file says.</summary>
    public List<string> Wards { get; set; } = [];
}

public sealed class ZoneSetOptions : AreaSetOptions
{
    /// <summary>Zones given as a centre and radius in metres.</summary>
    public List<CircleZone> Circles { get; set; } = [];
}

public sealed record CircleZone(string Code, string Name, double Latitude, double Longitude, double RadiusMetres)
{
    public CircleZone() : this("", "", 0, 0, 0)
    {
    }
}
