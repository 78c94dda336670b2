namespace HotSpots.Application.Monitoring;

/// <summary>A stretch of time (ticks, or month indices) the store holds data for without a long gap.</summary>
public sealed record DataRun(long Start, long End);

/// <summary>
/// The stretches of time the store holds data for, split wherever it holds none for longer than <c>gap</c>. A baseline
/// starts where the stretch it stands in starts, so one stray incident years before the feed began (a default date, a
/// typo) is a stretch of its own and does not stretch the baseline back to it, where empty years would read as quiet.
/// Stretches are kept in order and at most two are joined by one value, so the list stays as short as the data's gaps
/// are few: at most one per <c>gap</c> of the accepted time range.
/// </summary>
public sealed class DataRuns(long gap)
{
    private readonly List<DataRun> _runs = [];

    public IReadOnlyList<DataRun> Runs => _runs;

    /// <summary>Where the stretch holding or last before <paramref name="value"/> starts; null before any data.</summary>
    public long? StartAsOf(long value)
    {
        for (var i = _runs.Count - 1; i >= 0; i--)
        {
            if (_runs[i].Start <= value) return _runs[i].Start;
        }
        return null;
    }

    /// <summary>Where the latest stretch starts; null with no data.</summary>
    public long? LatestStart => _runs.Count == 0 ? null : _runs[^1].Start;

    public void Add(long value) => Add(new DataRun(value, value));

    public void Add(DataRun run)
    {
        // Searching from the end: live data lands in the latest stretch.
        var i = _runs.Count - 1;
        while (i >= 0 && _runs[i].Start > run.End + gap) i--;
        if (i >= 0 && _runs[i].Start <= run.Start && _runs[i].End >= run.End) return;
        var start = run.Start;
        var end = run.End;
        var last = i;
        while (i >= 0 && _runs[i].End >= start - gap)
        {
            start = Math.Min(start, _runs[i].Start);
            end = Math.Max(end, _runs[i].End);
            i--;
        }
        _runs.RemoveRange(i + 1, last - i);
        _runs.Insert(i + 1, new DataRun(start, end));
    }
}
