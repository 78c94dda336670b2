namespace HotSpots.Testing;

/// <summary>
/// A clock that moves only when told to, with timers that fire as it passes them, so delays and timers created
/// through it wait for the test to advance it.
/// Microsoft.Extensions.TimeProvider.Testing is not in this project's package source; this is the part we need.
/// </summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now = start;
    private long _ticks;
    private TaskCompletionSource _scheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a timer is waiting for the clock: at once if one is, else when one is next set.</summary>
    public Task WhenTimerPendingAsync()
    {
        lock (_lock) return _timers.Count > 0 ? Task.CompletedTask : _scheduled.Task;
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_lock) return _ticks;
    }

    public void Advance(TimeSpan by)
    {
        List<FakeTimer> due;
        lock (_lock)
        {
            _now += by;
            _ticks += by.Ticks;
            due = [.. _timers.Where(t => t.Due <= _ticks).OrderBy(t => t.Due)];
        }
        foreach (var timer in due) timer.Fire();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period;

        public long Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                owner._timers.Remove(this);
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                Due = owner._ticks + dueTime.Ticks;
                owner._timers.Add(this);
                owner._scheduled.TrySetResult();
                owner._scheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            return true;
        }

        public void Fire()
        {
            lock (owner._lock)
            {
                owner._timers.Remove(this);
                if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
                {
                    Due += _period.Ticks;
                    owner._timers.Add(this);
                }
            }
            callback(state);
        }

        public void Dispose()
        {
            lock (owner._lock) owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
