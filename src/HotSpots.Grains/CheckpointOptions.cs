namespace HotSpots.Grains;

/// <summary>Bound from <c>HotSpots:Monitoring</c>: when an area grain writes its checkpoint besides deactivation.</summary>
public sealed class CheckpointOptions
{
    /// <summary>Incidents applied since the last checkpoint that make the grain write one at once.</summary>
    public int CheckpointEvery { get; set; } = 20_000;

    /// <summary>Longest time applied incidents stay unwritten; the log reader also checkpoints every area this often.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);
}
