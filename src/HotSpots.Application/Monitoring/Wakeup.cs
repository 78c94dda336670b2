namespace HotSpots.Application.Monitoring;

/// <summary>
/// What wakes a background loop: a <see cref="Set"/> (work was handed over) or a time passing (the poll for other
/// writers, the clock hour turning), whichever comes first. A set that arrives while the loop is busy is kept, so its
/// next wait returns at once and nothing handed over waits for the timer. Time runs on the caller's
/// <see cref="TimeProvider"/>, so tests move it with a fake clock.
/// </summary>
public sealed class Wakeup
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _set = NewSource();

    public void Set()
    {
        lock (_lock) _set.TrySetResult();
    }

    /// <summary>
    /// Waits for a set or for <paramref name="timeout"/> to pass. True when a set came first (it is then used up);
    /// false when the time did (a set that came too is kept for the next wait).
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task set;
        lock (_lock) set = _set.Task;
        if (!set.IsCompleted)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var elapsed = Task.Delay(timeout, time, timer.Token);
            var first = await Task.WhenAny(set, elapsed);
            await timer.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (first == elapsed) return false;
        }
        lock (_lock)
        {
            if (_set.Task.IsCompleted) _set = NewSource();
        }
        return true;
    }

    /// <summary>Waits for a set or for the next whole hour (UTC); false when the hour came first.</summary>
    public Task<bool> WaitUntilNextHourAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nextHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        return WaitAsync(nextHour - now, time, cancellationToken);
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
