namespace HotSpots.Grains;

/// <summary>
/// Where a grain fed from the incident log stands, and the protocol each such grain keeps with the log's readers. The
/// grain holds everything up to <see cref="Through"/>, and besides that whole stretches further on (<see cref="Ahead"/>)
/// that a node handed over as it appended them. A reader's batch whose previous end lies beyond <see cref="Through"/>
/// meets a gap (the grain came back from an older checkpoint) and is refused, so the reader sends that stretch again;
/// incidents already held are skipped, which makes a batch sent twice harmless. <see cref="Unsaved"/> counts changes
/// since the grain last wrote its state; <see cref="Written"/> tells a reader what that state covers.
/// </summary>
internal sealed class LogCursor
{
    private long _written;
    private long? _firstUnwritten;

    // Disjoint stretches (after, up to] beyond Through, in order; each joins Through once a reader's batch reaches it.
    private readonly List<(long After, long UpTo)> _ahead = [];

    public long Through { get; private set; }

    public int Unsaved { get; private set; }

    public AreaApplied Held => new(Through, Gap: false);

    public AreaApplied Gap => new(Through, Gap: true);

    /// <summary>The stretches held beyond <see cref="Through"/> as (after, up to) pairs, for the grain's checkpoint.</summary>
    public long[] Ahead => [.. _ahead.SelectMany(s => new[] { s.After, s.UpTo })];

    /// <summary>Takes up the position and stretches of the checkpoint the grain was restored from.</summary>
    public void Restore(long through, long[]? ahead)
    {
        Through = _written = through;
        for (var i = 0; ahead is not null && i + 1 < ahead.Length; i += 2) _ahead.Add((ahead[i], ahead[i + 1]));
        Join();
    }

    /// <summary>
    /// A reader's batch: false when it leaves a gap. Otherwise hands each incident not yet held to
    /// <paramref name="record"/>, moves on to <paramref name="upTo"/> and says how many were recorded.
    /// </summary>
    public bool TryApply<T>(long previous, long upTo, T[] incidents, Func<T, long> sequence, Action<T> record, out int applied)
    {
        applied = 0;
        if (previous > Through) return false;
        applied = Record(incidents, sequence, record);
        Advance(upTo, applied);
        return true;
    }

    /// <summary>
    /// A node's own append, handed over before any reader reads it: <paramref name="incidents"/> are all of the grain's
    /// among the positions after <paramref name="after"/> up to <paramref name="upTo"/>, so that stretch is held
    /// whatever lies before it. Never a gap: a grain that loses the stretch gets it again from the readers' batches.
    /// </summary>
    public int Hold<T>(long after, long upTo, T[] incidents, Func<T, long> sequence, Action<T> record)
    {
        var applied = Record(incidents, sequence, record);
        if (upTo <= Through) return applied;
        var at = 0;
        while (at < _ahead.Count && _ahead[at].UpTo < after) at++;
        while (at < _ahead.Count && _ahead[at].After <= upTo)
        {
            after = Math.Min(after, _ahead[at].After);
            upTo = Math.Max(upTo, _ahead[at].UpTo);
            _ahead.RemoveAt(at);
        }
        _ahead.Insert(at, (after, upTo));
        Join();
        Unsaved += Math.Max(applied, 1);
        return applied;
    }

    /// <summary>The reader's checkpoint: moves on to <paramref name="upTo"/> unless there is a gap, then saves what changed.</summary>
    public async Task<AreaApplied> CheckpointAsync(long previous, long upTo, Func<Task> save)
    {
        if (previous > Through) return Gap;
        Advance(upTo, 0);
        await SaveIfChangedAsync(save);
        return Held;
    }

    /// <summary>What the written state covers, or a gap when the grain holds less than the reader's last batch.</summary>
    public AreaWritten Written(long previous) => previous > Through ? new(Through, null, Gap: true) : new(_written, _firstUnwritten, Gap: false);

    public Task SaveIfChangedAsync(Func<Task> save) => Unsaved > 0 ? save() : Task.CompletedTask;

    /// <summary>Called once the state holding <see cref="Through"/> and <see cref="Ahead"/> is written.</summary>
    public void Saved()
    {
        Unsaved = 0;
        _written = Through;
        _firstUnwritten = null;
    }

    /// <summary>Records the incidents neither at or before <see cref="Through"/> nor in a stretch held ahead; both are in order.</summary>
    private int Record<T>(T[] incidents, Func<T, long> sequence, Action<T> record)
    {
        var applied = 0;
        var stretch = 0;
        foreach (var incident in incidents)
        {
            var at = sequence(incident);
            if (at <= Through) continue;
            while (stretch < _ahead.Count && _ahead[stretch].UpTo < at) stretch++;
            if (stretch < _ahead.Count && _ahead[stretch].After < at) continue;
            record(incident);
            if (_firstUnwritten is null || at < _firstUnwritten) _firstUnwritten = at;
            applied++;
        }
        return applied;
    }

    private void Advance(long upTo, int applied)
    {
        if (upTo <= Through) return;
        Through = upTo;
        Join();
        Unsaved += Math.Max(applied, 1);
    }

    /// <summary>Stretches that <see cref="Through"/> has reached become part of it.</summary>
    private void Join()
    {
        while (_ahead.Count > 0 && _ahead[0].After <= Through)
        {
            Through = Math.Max(Through, _ahead[0].UpTo);
            _ahead.RemoveAt(0);
        }
    }
}
