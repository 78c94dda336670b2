namespace HotSpots.Application.Monitoring;

/// <summary>
/// A number that only rises (a log sequence applied, a geography revision applied), and waits for it to reach a target.
/// </summary>
public sealed class Milestones
{
    private readonly Lock _lock = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _waiting = [];
    private long _current;

    public Milestones(long start = 0) => _current = start;

    public long Current => Interlocked.Read(ref _current);

    public Task WhenReachedAsync(long target, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (Current >= target) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((target, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Raises the number (never lowers it) and completes the waits it now satisfies.</summary>
    public void Reach(long value)
    {
        lock (_lock)
        {
            if (value > Current) Interlocked.Exchange(ref _current, value);
            var now = Current;
            _waiting.RemoveAll(w =>
            {
                if (w.Target > now) return false;
                w.Done.TrySetResult();
                return true;
            });
        }
    }
}
