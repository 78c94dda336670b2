namespace HotSpots.Grains;

/// <summary>Bound from <c>HotSpots:Live</c>.</summary>
public sealed class NotifierOptions
{
    /// <summary>Longest a changed area waits in a silo's notifier before every node hears of it.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(20);
}
