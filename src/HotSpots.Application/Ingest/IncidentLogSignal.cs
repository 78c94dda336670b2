using System.Diagnostics;
using HotSpots.Application.Monitoring;
using HotSpots.Store;

namespace HotSpots.Application.Ingest;

/// <summary>
/// Hands what this node appended to its log tailer and wakes it, so live pushes do not wait for the poll that picks
/// up other writers (the import tool, other nodes), and so the tailer need not read back what it was just given.
/// The handed batches are only a short cut: the tailer applies one only if it follows on exactly from what it has
/// counted, and otherwise reads the log. If the tailer falls far behind, batches are dropped rather than held.
/// </summary>
public sealed class IncidentLogSignal(int maxHeld = IncidentLogSignal.MaxHeld)
{
    /// <summary>Incidents held for the tailer at most (about 50 bytes each); a node without a tailer holds none.</summary>
    public const int MaxHeld = 500_000;

    // Lowest sequence first: appends that commit together (a store's group commit) are handed over by their callers in
    // whatever order their continuations run, and one taken out of order would send the tailer to read the log.
    private readonly PriorityQueue<(IReadOnlyList<LoggedIncident> Appended, ActivityContext Cause), long> _appended = new();
    private readonly Wakeup _appendedAgain = new();
    private int _held;

    /// <summary>Called after a batch is durably appended, with the incidents it added in log order.</summary>
    public void Notify(IReadOnlyList<LoggedIncident> appended)
    {
        if (appended.Count == 0) return;
        lock (_appended)
        {
            if (_held + appended.Count <= maxHeld)
            {
                _appended.Enqueue((appended, Activity.Current?.Context ?? default), appended[0].Sequence);
                _held += appended.Count;
            }
        }
        _appendedAgain.Set();
    }

    /// <summary>Waits for a <see cref="Notify"/> since the last wait, or for the poll interval to pass.</summary>
    public Task<bool> WaitAsync(TimeSpan poll, TimeProvider time, CancellationToken cancellationToken) =>
        _appendedAgain.WaitAsync(poll, time, cancellationToken);

    /// <summary>Whether a batch handed over and not yet taken starts at or before <paramref name="sequence"/>.</summary>
    public bool HoldsFrom(long sequence)
    {
        lock (_appended) return _appended.TryPeek(out _, out var first) && first <= sequence;
    }

    /// <summary>The earliest batch in the log handed over and not yet taken, with the span that appended it (so applying it continues the post's trace).</summary>
    public bool TryTake(out IReadOnlyList<LoggedIncident> appended, out ActivityContext cause)
    {
        (appended, cause) = (null!, default);
        lock (_appended)
        {
            if (!_appended.TryDequeue(out var handed, out _)) return false;
            (appended, cause) = handed;
            _held -= appended.Count;
        }
        return true;
    }
}
