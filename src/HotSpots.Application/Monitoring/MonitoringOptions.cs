namespace HotSpots.Application.Monitoring;

/// <summary>Bound from <c>HotSpots:Monitoring</c>.</summary>
public sealed class MonitoringOptions
{
    /// <summary>How often the log is read for incidents written by other processes (the import tool, other nodes).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Incidents read from the store per page.</summary>
    public int PageSize { get; set; } = 20_000;

    /// <summary>How often the reader has every area grain that changed write a checkpoint, then records its own position.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The name this node's reader records its position under. Every silo of a cluster reads the whole log (the
    /// grains skip what another node's reader already gave them), so each keeps its own position.
    /// </summary>
    public string ReaderName { get; set; } = "incidents";
}
