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

public sealed record CircleZone(string Code, string Name, double Latitude, double Longitude, double RadiusMetres)
{
    public CircleZone() : this("", "", 0, 0, 0)
    {
    }
}
