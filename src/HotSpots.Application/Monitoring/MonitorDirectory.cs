using HotSpots.Domain.Incidents;
using HotSpots.Geography;

namespace HotSpots.Application.Monitoring;

/// <summary>
/// Finds the monitor of an area (the grain factory's role) and keeps the facts every monitor's query needs, such as
/// when the data begins. One monitor per ward and per zone of the loaded geography.
/// </summary>
public sealed class MonitorDirectory
{
    private readonly Dictionary<AreaKey, IAreaMonitor> _monitors;
    private long _firstExactTicks = long.MaxValue;
    private int _firstMonth = int.MaxValue;

    public MonitorDirectory(GeographyModel geography, TimeProvider time)
    {
        Geography = geography;
        _monitors = geography.Wards.Areas.Select(a => new AreaKey(AreaSetKind.Wards, a.Code))
            .Concat(geography.Zones.Areas.Select(a => new AreaKey(AreaSetKind.Zones, a.Code)))
            .ToDictionary(k => k, IAreaMonitor (k) => new AreaMonitor(k, time));
    }

    public GeographyModel Geography { get; }

    public IAreaMonitor Get(AreaKey key) =>
        _monitors.TryGetValue(key, out var monitor) ? monitor : throw new KeyNotFoundException($"no monitor for {key}");

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
