using HotSpots.Domain.Alerts;
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
    private readonly Lock _turn = new();

    public AreaKey Key { get; } = key;

    public Task RecordAsync(IReadOnlyList<CountedIncident> incidents)
    {
        lock (_turn)
        {
            foreach (var incident in incidents)
            {
                (incident.Origin == IncidentOrigin.Drill ? _drills : _counts).Record(incident.Category, incident.OccurredAt);
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

    private HeatReading Read(AreaCounts counts, HeatQuery query) => query.Window.IsCalendarMonth
        ? counts.Month(query.Group, query.MonthIndex, query.Coverage.FirstMonthIndex)
        : counts.Rolling(query.Group, query.Window, time.GetUtcNow(), query.Coverage.FirstExact);
}
