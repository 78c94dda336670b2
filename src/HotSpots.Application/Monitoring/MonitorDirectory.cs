using HotSpots.Domain.Incidents;
using HotSpots.Geography;

namespace HotSpots.Application.Monitoring;

/// <summary>One geography and its monitors, as they stand between two changes of geography.</summary>
public sealed class MonitorSnapshot(GeographyModel geography, IReadOnlyDictionary<AreaKey, IAreaMonitor> monitors)
{
    public GeographyModel Geography { get; } = geography;

    public IReadOnlyDictionary<AreaKey, IAreaMonitor> Monitors { get; } = monitors;

    public IAreaMonitor Get(AreaKey key) =>
        Monitors.TryGetValue(key, out var monitor) ? monitor : throw new KeyNotFoundException($"no monitor for {key}");

    public static IEnumerable<AreaKey> KeysOf(GeographyModel geography) =>
        new[] { AreaSetKind.Wards, AreaSetKind.Zones, AreaSetKind.Rings, AreaSetKind.Exclusions }
            .SelectMany(kind => geography.Set(kind).Areas.Select(a => new AreaKey(kind, a.Code)));
}

/// <summary>What a change of geography does to the monitors: which are kept, which start empty, which go.</summary>
public sealed record GeographyPlan(GeographyModel Next, IReadOnlyDictionary<AreaKey, IAreaMonitor> Monitors, IReadOnlySet<AreaKey> Fresh, IReadOnlySet<AreaKey> Removed);

/// <summary>
/// Finds the monitor of an area (the grain factory's role) and keeps the facts every monitor's query needs, such as
/// when the data begins. One monitor per ward, zone, buffer ring and control exclusion of the current geography; a
/// change of geography swaps in a new snapshot whole, so a reader never sees half of one.
/// </summary>
public sealed class MonitorDirectory
{
    private readonly TimeProvider _time;
    private MonitorSnapshot _current;
    private long _firstExactTicks = long.MaxValue;
    private int _firstMonth = int.MaxValue;

    public MonitorDirectory(GeographyModel geography, TimeProvider time)
    {
        _time = time;
        _current = new MonitorSnapshot(geography, MonitorSnapshot.KeysOf(geography).ToDictionary(k => k, Create));
    }

    public MonitorSnapshot Current => Volatile.Read(ref _current);

    public GeographyModel Geography => Current.Geography;

    public IAreaMonitor Get(AreaKey key) => Current.Get(key);

    public IAreaMonitor Create(AreaKey key) => new AreaMonitor(key, _time);

    /// <summary>
    /// Plans a change to <paramref name="next"/>: a monitor is kept when its area counts exactly as before (same code,
    /// shape and scope), so unchanged wards and zones keep their counts; any other area gets a fresh monitor.
    /// </summary>
    public GeographyPlan Plan(GeographyModel next)
    {
        var current = Current;
        var monitors = new Dictionary<AreaKey, IAreaMonitor>();
        var fresh = new HashSet<AreaKey>();
        foreach (var key in MonitorSnapshot.KeysOf(next))
        {
            var area = next.Set(key.Set).ByCode[key.Code];
            if (current.Monitors.TryGetValue(key, out var kept) && current.Geography.Set(key.Set).ByCode.TryGetValue(key.Code, out var before) && before.CountsLike(area))
            {
                monitors[key] = kept;
            }
            else
            {
                monitors[key] = Create(key);
                fresh.Add(key);
            }
        }
        var removed = current.Monitors.Keys.Where(k => !monitors.ContainsKey(k)).ToHashSet();
        return new GeographyPlan(next, monitors, fresh, removed);
    }

    /// <summary>Makes a planned geography current; the tailer calls this between two pages, when fresh monitors have caught up.</summary>
    public void Replace(GeographyPlan plan) => Volatile.Write(ref _current, new MonitorSnapshot(plan.Next, plan.Monitors));

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
}
