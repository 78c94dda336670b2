using HotSpots.Domain.Alerts;
using HotSpots.Domain.Evaluation;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;

namespace HotSpots.Application.Monitoring;

/// <summary>A monitor's identity: the set and the area code (an Orleans grain would use "wards/E05002235" as its key).</summary>
public readonly record struct AreaKey(AreaSetKind Set, string Code)
{
    public override string ToString() => $"{AreaSet.NameOf(Set)}/{Code}";
}

/// <summary>When the data begins: baselines only count time that the store covers.</summary>
public readonly record struct Coverage(DateTimeOffset? FirstExact, int? FirstMonthIndex);

/// <summary>A heat question; <paramref name="At"/> asks for heat as it stood at an earlier hour (null: now).</summary>
public sealed record HeatQuery(CategoryGroup Group, HeatWindow Window, int MonthIndex, Coverage Coverage, DateTimeOffset? At = null);

/// <summary>What a monitor counts of an incident; <paramref name="Location"/> is its published location description.</summary>
public readonly record struct CountedIncident(Category Category, OccurredAt OccurredAt, IncidentOrigin Origin = IncidentOrigin.Recorded, string? Location = null);

/// <summary>One category's heat within an area's profile.</summary>
public sealed record CategoryHeat(Category Category, HeatReading Reading);

/// <summary>
/// An area's drill-down: each category's heat for the window, daily counts of the group for the last 28 days and
/// monthly counts for the last 12 months (oldest first, ending today and this month), and its repeat locations.
/// </summary>
public sealed record AreaProfile(IReadOnlyList<CategoryHeat> Categories, int[] Daily, int[] Monthly, IReadOnlyList<LocationCount> RepeatLocations);

/// <summary>
/// One ward's or zone's rolling counts. Shaped like an Orleans grain interface: asynchronous, keyed by
/// <see cref="AreaKey"/>, single-writer, state rebuilt by replaying the incident log on activation. Moving monitors
/// onto grains means implementing this on a Grain and resolving it through the grain factory.
/// </summary>
public interface IAreaMonitor
{
    AreaKey Key { get; }

    Task RecordAsync(IReadOnlyList<CountedIncident> incidents);

    Task<HeatReading> GetHeatAsync(HeatQuery query);

    Task<AreaProfile> GetProfileAsync(HeatQuery query);

    /// <summary>What the alert detectors read of this area for a group: daily and hourly counts, drills apart.</summary>
    Task<AreaSignal> GetSignalAsync(CategoryGroup group);

    /// <summary>Recorded incidents of a group over each range of days (drills never count in an evaluation).</summary>
    Task<PeriodCount[]> CountAsync(CategoryGroup group, IReadOnlyList<DayRange> ranges);

    /// <summary>Recorded incidents of a group per day of a range, for the dose-response view.</summary>
    Task<int[]> GetDailyCountsAsync(CategoryGroup group, DayRange range);
}
