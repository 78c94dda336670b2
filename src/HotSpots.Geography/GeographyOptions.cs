namespace HotSpots.Geography;

/// <summary>Bound from <c>HotSpots:Geography</c>.</summary>
public sealed class GeographyOptions
{
    public AreaSetOptions Wards { get; set; } = new();

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
