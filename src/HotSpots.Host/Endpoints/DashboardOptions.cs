namespace HotSpots.Host.Endpoints;

/// <summary>Bound from <c>HotSpots:Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>
    /// A base map under the wards, as a Leaflet tile URL template (<c>https://tiles.example/{z}/{x}/{y}.png</c>).
    /// None by default: the boundaries alone need nothing from the internet.
    /// </summary>
    public string? TileUrl { get; set; }

    public string? TileAttribution { get; set; }
}
