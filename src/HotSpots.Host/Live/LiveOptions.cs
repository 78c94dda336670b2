namespace HotSpots.Host.Live;

/// <summary>Bound from <c>HotSpots:Live</c>.</summary>
public sealed class LiveOptions
{
    /// <summary>
    /// Least time between two pushes to the same dashboard group. 50 ms (at most twenty a second) keeps a busy feed's
    /// post-to-push p99 under 100 ms; the page draws only the wards that changed, so it keeps up.
    /// </summary>
    public TimeSpan MinPushInterval { get; set; } = TimeSpan.FromMilliseconds(50);
}
