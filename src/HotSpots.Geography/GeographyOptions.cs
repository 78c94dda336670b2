namespace HotSpots.Geography;

/// <summary>Bound from <c>HotSpots:Geography</c>.</summary>
public sealed class GeographyOptions
{
    public AreaSetOptions Wards { get; set; } = new();

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
