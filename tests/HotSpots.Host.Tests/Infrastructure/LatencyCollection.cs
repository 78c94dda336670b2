namespace HotSpots.Host.Tests.Infrastructure;

/// <summary>
/// Tests that compare latencies measured a few seconds apart. They run alone, after the parallel classes, because a
/// cluster test starting beside them on a two-core runner moves a millisecond median more than what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LatencyCollection
{
    public const string Name = "Latency comparisons";
}
