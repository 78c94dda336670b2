namespace HotSpots.Host.Hosting;

/// <summary>Bound from <c>HotSpots:Cluster</c>: how this node's silo joins its cluster.</summary>
public sealed class ClusterSettings
{
    public ClusterProvider Provider { get; set; } = ClusterProvider.Localhost;

    public string ClusterId { get; set; } = "hotspots";

    /// <summary>The address other silos and clients reach this one at (an IP or a host name); default loopback, for nodes on one machine.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Silo-to-silo port (each silo on one machine needs its own).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients; 0 (the embedded default) opens none.</summary>
    public int GatewayPort { get; set; }

    /// <summary>How long a silo waits for another's answer to a liveness probe (Orleans' default is 5 s).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes before a silo votes another dead (Orleans' default is 3).</summary>
    public int MissedProbesLimit { get; set; } = 2;
}
