using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Grains;

namespace HotSpots.Application.Monitoring;

/// <summary>One geography and the grains of its areas, as they stand between two changes of geography.</summary>
public sealed class MonitorSnapshot
{
    public MonitorSnapshot(GeographyModel geography, IGrainFactory grains)
    {
        Geography = geography;
        Monitors = geography.AllKeys().ToDictionary(k => k, k => grains.GetGrain<IAreaGrain>(geography.GrainKey(k)));
    }

    public GeographyModel Geography { get; }

    public IReadOnlyDictionary<AreaKey, IAreaGrain> Monitors { get; }

    public IAreaGrain Get(AreaKey key) =>
        Monitors.TryGetValue(key, out var monitor) ? monitor : throw new KeyNotFoundException($"no monitor for {key}");
}

/// <summary>
/// This node's view of the current geography and its area grains, with the facts every heat question needs (when the
/// data begins). A change of geography swaps in a new snapshot whole, so a reader never sees half of one. Grain keys
/// carry each area's version, so a kept area keeps its grain and a changed one gets a new grain.
/// </summary>
public sealed class MonitorDirectory(GeographyModel geography, IGrainFactory grains)
{
    private MonitorSnapshot _current = new(geography, grains);
    private long _firstExactTicks = long.MaxValue;
    private int _firstMonth = int.MaxValue;

    public MonitorSnapshot Current => Volatile.Read(ref _current);

    public GeographyModel Geography => Current.Geography;

    public IGrainFactory Grains => grains;

    public IAreaGrain Get(AreaKey key) => Current.Get(key);

    public MonitorSnapshot Snapshot(GeographyModel next) => new(next, grains);

    /// <summary>Makes a snapshot current; the tailer calls this between two pages, when fresh grains have caught up.</summary>
    public void Replace(MonitorSnapshot next) => Volatile.Write(ref _current, next);

    public Coverage Coverage
    {
        get
        {
            var exact = Interlocked.Read(ref _firstExactTicks);
            var month = Volatile.Read(ref _firstMonth);
            return new Coverage(
                exact == long.MaxValue ? null : new DateTimeOffset(exact, TimeSpan.Zero),
                month == int.MaxValue ? null : month);
        }
    }

    /// <summary>Widens the coverage to include an incident's time.</summary>
    public void Observe(OccurredAt occurredAt)
    {
        var month = occurredAt.MonthIndex;
        int seenMonth;
        while (month < (seenMonth = Volatile.Read(ref _firstMonth)) && Interlocked.CompareExchange(ref _firstMonth, month, seenMonth) != seenMonth)
        {
        }
        // Dated (day-precision) incidents fill rolling windows too, so they start the timed coverage as well.
        if (occurredAt.Precision == TimePrecision.Month) return;
        var ticks = occurredAt.Start.UtcTicks;
        long seenTicks;
        while (ticks < (seenTicks = Interlocked.Read(ref _firstExactTicks)) && Interlocked.CompareExchange(ref _firstExactTicks, ticks, seenTicks) != seenTicks)
        {
        }
    }

    /// <summary>Widens the coverage to include another's (a checkpoint's).</summary>
    public void Observe(Coverage coverage)
    {
        if (coverage.FirstMonthIndex is { } month) Observe(new OccurredAt(MonthStart(month), TimePrecision.Month));
        if (coverage.FirstExact is { } exact) Observe(new OccurredAt(exact, TimePrecision.Exact));
    }

    private static DateTimeOffset MonthStart(int monthIndex) => new(monthIndex / 12, monthIndex % 12 + 1, 1, 0, 0, 0, TimeSpan.Zero);
}
