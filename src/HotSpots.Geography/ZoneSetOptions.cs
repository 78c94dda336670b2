namespace HotSpots.Geography;

public sealed class ZoneSetOptions : AreaSetOptions
{
    /// <summary>Zones given as a centre and radius in metres.</summary>
    public List<CircleZone> Circles { get; set; } = [];
}
