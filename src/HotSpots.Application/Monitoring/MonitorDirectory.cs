using HotSpots.Application.Areas;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Grains;

namespace HotSpots.Application.Monitoring;

/// <summary>One geography and the grains of its areas, as they stand between two changes of geography.</summary>
public sealed class MonitorSnapshot
{
    private readonly Lazy<IReadOnlyDictionary<AreaKey, IAreaGrain>> _monitors;

    public MonitorSnapshot(GeographyModel geography, IGrainFactory grains)
    {
        Geography = geography;
        // Made on first use: a front node's Orleans client can only make grain references once it has the cluster's
        // manifest from a gateway, which is after the services that hold this directory are built.
        _monitors = new(() => geography.AllKeys().ToDictionary(k => k, k => grains.GetGrain<IAreaGrain>(geography.GrainKey(k))));
    }

    public GeographyModel Geography { get; }

    public IReadOnlyDictionary<AreaKey, IAreaGrain> Monitors => _monitors.Value;

    public IAreaGrain Get(AreaKey key) =>
        Monitors.TryGetValue(key, out var monitor) ? monitor : throw new KeyNotFoundException($"no monitor for {key}");
}

/// <summary>
/// This node's view of the current geography and its area grains, with the facts every heat question needs (when the
/// data begins). A change of geography swaps in a new snapshot whole, so a reader never sees half of one. Grain keys
/// carry each area's version, so a kept area keeps its grain and a changed one gets a new grain. The first geography
/// is loaded at start (<see cref="GeographyWatcher.LoadAsync"/>), before anything asks for it.
/// </summary>
public sealed class MonitorDirectory(IGrainFactory grains) : ICurrentGeography
{
    /// <summary>
    /// A store with no timed or dated incident for longer than this has had no feed (every partner together sends
    /// several a day), so the baseline starts again after it.
    /// </summary>
    public static readonly TimeSpan CoverageGap = TimeSpan.FromDays(14);

    /// <summary>Months with data this far apart (one whole empty month between) still make one stretch; two empty months break it.</summary>
    public const int CoverageGapMonths = 2;

    private MonitorSnapshot? _current;
    private readonly Lock _coverageLock = new();
    private readonly DataRuns _timed = new(CoverageGap.Ticks);
    private readonly DataRuns _months = new(CoverageGapMonths);

    public MonitorSnapshot Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("the geography is not loaded yet: it is loaded at start");

    /// <summary>Whether a geography has been loaded: readiness asks before anything else does.</summary>
    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    public GeographyModel Geography => Current.Geography;

    public IGrainFactory Grains => grains;

    public IAreaGrain Get(AreaKey key) => Current.Get(key);

    public MonitorSnapshot Snapshot(GeographyModel next) => new(next, grains);

    /// <summary>Makes the first geography current.</summary>
    public void Load(GeographyModel geography) => Replace(Snapshot(geography));

    /// <summary>Makes a snapshot current; the tailer calls this between two pages, when fresh grains have caught up.</summary>
    public void Replace(MonitorSnapshot next) => Volatile.Write(ref _current, next);

    /// <summary>Where the data's latest stretch begins: the coverage of anything asked about now.</summary>
    public Coverage Coverage
    {
        get
        {
            lock (_coverageLock) return new Coverage(Exact(_timed.LatestStart), Month(_months.LatestStart));
        }
    }

    /// <summary>Where the stretch of data holding a time (rolling windows) and a month (the calendar month window) begins.</summary>
    public Coverage CoverageAsOf(DateTimeOffset at, int monthIndex)
    {
        lock (_coverageLock) return new Coverage(Exact(_timed.StartAsOf(at.UtcTicks)), Month(_months.StartAsOf(monthIndex)));
    }

    /// <summary>The stretches of data seen, for the log reader's checkpoint.</summary>
    public (IReadOnlyList<DataRun> Timed, IReadOnlyList<DataRun> Months) CoverageRuns
    {
        get
        {
            lock (_coverageLock) return ([.. _timed.Runs], [.. _months.Runs]);
        }
    }

    /// <summary>Adds an incident's time to the coverage.</summary>
    public void Observe(OccurredAt occurredAt)
    {
        lock (_coverageLock)
        {
            _months.Add(occurredAt.MonthIndex);
            // Dated (day-precision) incidents fill rolling windows too, so they count for the timed coverage as well.
            if (occurredAt.Precision != TimePrecision.Month) _timed.Add(occurredAt.Start.UtcTicks);
        }
    }

    /// <summary>Adds stretches of data (a checkpoint's) to the coverage.</summary>
    public void Observe(IEnumerable<DataRun> timed, IEnumerable<DataRun> months)
    {
        lock (_coverageLock)
        {
            foreach (var run in timed) _timed.Add(run);
            foreach (var run in months) _months.Add(run);
        }
    }

    private static DateTimeOffset? Exact(long? ticks) => ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    private static int? Month(long? index) => index is { } m ? (int)m : null;
}
