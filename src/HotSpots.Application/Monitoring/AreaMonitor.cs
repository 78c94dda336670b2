using HotSpots.Domain.Alerts;
using HotSpots.Domain.Evaluation;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;

namespace HotSpots.Application.Monitoring;

/// <summary>
/// In-process monitor: the domain's <see cref="AreaCounts"/> behind a lock, which gives a grain's turn-based
/// guarantee (one call at a time) without an actor runtime. Calls complete synchronously; the Task shape is the seam.
/// Drill incidents are counted apart: they add to what is observed, tagged, but never to the expectation.
/// </summary>
public sealed class AreaMonitor(AreaKey key, TimeProvider time) : IAreaMonitor
{
    private readonly AreaCounts _counts = new();
    private readonly AreaCounts _drills = new();
    private readonly LocationTally _locations = new();
    private readonly Lock _turn = new();

    public AreaKey Key { get; } = key;

    public Task RecordAsync(IReadOnlyList<CountedIncident> incidents)
    {
        lock (_turn)
        {
            foreach (var incident in incidents)
            {
                if (incident.Origin == IncidentOrigin.Drill)
                {
                    _drills.Record(incident.Category, incident.OccurredAt);
                    continue;
                }
                _counts.Record(incident.Category, incident.OccurredAt);
                _locations.Record(incident.Category, incident.Location, incident.OccurredAt.MonthIndex);
            }
        }
        return Task.CompletedTask;
    }

    public Task<HeatReading> GetHeatAsync(HeatQuery query)
    {
        lock (_turn)
        {
            return Task.FromResult(Read(_counts, query).WithDrills(_drills.Total == 0 ? 0 : Read(_drills, query).Observed));
        }
    }

    public Task<AreaProfile> GetProfileAsync(HeatQuery query)
    {
        var at = query.At ?? time.GetUtcNow();
        var daily = new int[28];
        var monthly = new int[LocationTally.MonthsHeld];
        var lastMonth = at.Year * 12 + at.Month - 1;
        lock (_turn)
        {
            var categories = new List<CategoryHeat>();
            foreach (var category in Categories.All)
            {
                var reading = Read(_counts, query with { Group = CategoryGroup.Single(category) });
                if (reading.Observed > 0 || reading.Expected > 0) categories.Add(new CategoryHeat(category, reading));
            }
            _counts.FillDays(query.Group, at, daily);
            _counts.FillMonths(query.Group, lastMonth, monthly);
            return Task.FromResult(new AreaProfile(categories, daily, monthly, _locations.Top(query.Group, lastMonth, 10)));
        }
    }

    public Task<AreaSignal> GetSignalAsync(CategoryGroup group)
    {
        var now = time.GetUtcNow();
        var signal = new AreaSignal(new int[AreaSignal.DaysHeld], new int[AreaSignal.DaysHeld], new int[AreaSignal.HoursHeld], new int[AreaSignal.HoursHeld]);
        lock (_turn)
        {
            _counts.FillDays(group, now, signal.Days);
            _counts.FillHours(group, now, signal.Hours);
            if (_drills.Total > 0)
            {
                _drills.FillDays(group, now, signal.DrillDays);
                _drills.FillHours(group, now, signal.DrillHours);
            }
        }
        return Task.FromResult(signal);
    }

    public Task<PeriodCount[]> CountAsync(CategoryGroup group, IReadOnlyList<DayRange> ranges)
    {
        lock (_turn)
        {
            return Task.FromResult(ranges.Select(r => _counts.Count(group, r)).ToArray());
        }
    }

    public Task<int[]> GetDailyCountsAsync(CategoryGroup group, DayRange range)
    {
        var days = new int[range.Days];
        lock (_turn)
        {
            _counts.FillDays(group, range, days);
        }
        return Task.FromResult(days);
    }

    private HeatReading Read(AreaCounts counts, HeatQuery query) => query.Window.IsCalendarMonth
        ? counts.Month(query.Group, query.MonthIndex, query.Coverage.FirstMonthIndex)
        : counts.Rolling(query.Group, query.Window, query.At ?? time.GetUtcNow(), query.Coverage.FirstExact);
}
