namespace HotSpots.Host.Hosting;

/// <summary>Bound from <c>HotSpots:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// Log positions this node's reader may be behind the end of the incident log and still answer ready. A node
    /// catches up before it takes requests, so only a backlog arriving while it runs (a large import straight into
    /// the store, a node that fell behind) passes it.
    /// </summary>
    public long MaxLogBehind { get; set; } = 100_000;

    /// <summary>Where traces go (an OTLP collector, e.g. <c>http://localhost:4317</c>); without one no traces are kept.</summary>
    public Uri? OtlpEndpoint { get; set; }
}
