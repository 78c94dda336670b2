namespace HotSpots.Grains;

/// <summary>
/// Where a grain fed from the incident log stands, and the protocol each such grain keeps with the log's reader. The
/// grain holds everything up to <see cref="Through"/>. A batch or checkpoint whose previous end lies beyond that meets
/// a gap (the grain came back from an older checkpoint) and is refused, so the reader sends that stretch again;
/// incidents already held are skipped, which makes a batch sent twice harmless. <see cref="Unsaved"/> counts changes
/// since the grain last wrote its state; <see cref="Written"/> tells a reader what that state covers.
/// </summary>
internal sealed class LogCursor
{
    private long _written;
    private long? _firstUnwritten;

    public long Through { get; private set; }

    public int Unsaved { get; private set; }

    public AreaApplied Held => new(Through, Gap: false);

    public AreaApplied Gap => new(Through, Gap: true);

    /// <summary>Takes up the position of the checkpoint the grain was restored from.</summary>
    public void Restore(long through) => Through = _written = through;

    /// <summary>
    /// False when the batch leaves a gap. Otherwise hands each incident not yet held to <paramref name="record"/>,
    /// moves on to <paramref name="upTo"/> and says how many were recorded.
    /// </summary>
    public bool TryApply<T>(long previous, long upTo, T[] incidents, Func<T, long> sequence, Action<T> record, out int applied)
    {
        applied = 0;
        if (previous > Through) return false;
        foreach (var incident in incidents)
        {
            var at = sequence(incident);
            if (at <= Through) continue;
            record(incident);
            if (_firstUnwritten is null || at < _firstUnwritten) _firstUnwritten = at;
            applied++;
        }
        Advance(upTo, applied);
        return true;
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

    /// <summary>Called once the state holding <see cref="Through"/> is written.</summary>
    public void Saved()
    {
        Unsaved = 0;
        _written = Through;
        _firstUnwritten = null;
    }

    private void Advance(long upTo, int applied)
    {
        if (upTo <= Through) return;
        Through = upTo;
        Unsaved += Math.Max(applied, 1);
    }
}
