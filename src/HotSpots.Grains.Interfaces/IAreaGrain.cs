using HotSpots.Domain.Alerts;
using HotSpots.Domain.Evaluation;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using Orleans.Concurrency;

namespace HotSpots.Grains;

/// <summary>
/// One ward's, zone's, buffer ring's or control exclusion's rolling counts, keyed by <see cref="AreaSets.GrainKey"/>.
/// Its state is derived from the incident log exactly once: each batch says which log positions it covers, the grain
/// keeps the position it holds everything up to and skips anything at or below it, and its checkpoints never claim a
/// position whose incidents they do not hold.
/// </summary>
public interface IAreaGrain : IGrainWithStringKey
{
    /// <summary>Applies a batch, or reports a gap when the grain lost incidents it was sent (it restarted from an older checkpoint).</summary>
    Task<AreaApplied> ApplyAsync([Immutable] AreaBatch batch);

    /// <summary>
    /// Writes a checkpoint: the reader has sent this grain everything up to <paramref name="upTo"/>, its last batch
    /// ending at <paramref name="previous"/>. Reports a gap, writing nothing, when the grain holds less than that.
    /// </summary>
    Task<AreaApplied> CheckpointAsync(long previous, long upTo);

    /// <summary>
    /// What the grain's last written checkpoint covers, writing nothing: the reader's periodic round records a position
    /// its grains have written on their own timers. Reports a gap as <see cref="CheckpointAsync"/> does.
    /// </summary>
    [ReadOnly]
    Task<AreaWritten> GetWrittenAsync(long previous);

    /// <summary>The log position this grain holds every incident of its area up to.</summary>
    [ReadOnly]
    Task<long> GetThroughAsync();

    [ReadOnly]
    Task<HeatReading> GetHeatAsync(HeatQuery query);

    /// <summary>
    /// Heat with each incident weighed by its category's harm (<paramref name="weights"/> indexed by category), from the
    /// per-category counts: exact, since a weight is per category.
    /// </summary>
    [ReadOnly]
    Task<HarmHeat> GetHarmHeatAsync(HeatQuery query, [Immutable] double[] weights);

    [ReadOnly]
    Task<AreaProfile> GetProfileAsync(HeatQuery query);

    /// <summary>What the alert detectors read of this area for a group: daily and hourly counts, drills apart.</summary>
    [ReadOnly]
    Task<AreaSignal> GetSignalAsync(CategoryGroup group);

    /// <summary>Runs alert rules on this area's own counts; <paramref name="coveredDays"/> is how many whole days the data covers.</summary>
    [ReadOnly]
    Task<Evidence[]> EvaluateAsync([Immutable] AlertRule[] rules, int coveredDays);

    /// <summary>Recorded incidents of a group over each range of days (drills never count in an evaluation).</summary>
    [ReadOnly]
    Task<PeriodCount[]> CountAsync(CategoryGroup group, [Immutable] DayRange[] ranges);

    /// <summary>Recorded incidents of a group per day of a range, for the dose-response view.</summary>
    [ReadOnly]
    Task<int[]> GetDailyCountsAsync(CategoryGroup group, DayRange range);
}

/// <summary>What a monitor counts of an incident: its log position, and its published location description.</summary>
[GenerateSerializer, Immutable]
public readonly record struct CountedIncident(
    [property: Id(0)] long Sequence,
    [property: Id(1)] Category Category,
    [property: Id(2)] OccurredAt OccurredAt,
    [property: Id(3)] IncidentOrigin Origin = IncidentOrigin.Recorded,
    [property: Id(4)] string? Location = null);

/// <summary>
/// An area's incidents, in order, from a reader of the log: all of them after <paramref name="Previous"/> (where the last
/// batch the reader sent this area ended, what the grain must already hold) up to <paramref name="UpTo"/>. When
/// <paramref name="Handed"/>, from the node that appended them instead: all of the area's among the positions after
/// <paramref name="Previous"/> up to <paramref name="UpTo"/>, which are that one append's, whatever the grain holds before.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AreaBatch(
    [property: Id(0)] AreaKey Area,
    [property: Id(1)] long Previous,
    [property: Id(2)] long UpTo,
    [property: Id(3)] CountedIncident[] Incidents,
    [property: Id(4)] bool Handed = false);

/// <summary>The grain holds its area's incidents up to <paramref name="Through"/>; <paramref name="Gap"/>: less than the reader expected.</summary>
[GenerateSerializer, Immutable]
public readonly record struct AreaApplied([property: Id(0)] long Through, [property: Id(1)] bool Gap);

/// <summary>
/// A grain's written checkpoint holds everything up to <paramref name="Written"/>; <paramref name="FirstUnwritten"/> is
/// the position of the first incident the grain holds and the checkpoint lacks (null: none); <paramref name="Gap"/>
/// as in <see cref="AreaApplied"/>, with <paramref name="Written"/> then what the grain holds.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct AreaWritten([property: Id(0)] long Written, [property: Id(1)] long? FirstUnwritten, [property: Id(2)] bool Gap);

/// <summary>When the data begins: baselines only count time that the store covers.</summary>
[GenerateSerializer, Immutable]
public readonly record struct Coverage([property: Id(0)] DateTimeOffset? FirstExact, [property: Id(1)] int? FirstMonthIndex);

/// <summary>A heat question; <paramref name="At"/> asks for heat as it stood at an earlier hour (null: now).</summary>
[GenerateSerializer, Immutable]
public sealed record HeatQuery(
    [property: Id(0)] CategoryGroup Group,
    [property: Id(1)] HeatWindow Window,
    [property: Id(2)] int MonthIndex,
    [property: Id(3)] Coverage Coverage,
    [property: Id(4)] DateTimeOffset? At = null);

/// <summary>
/// Harm-weighted heat: observed and expected are sums of weights, the score their Freeman–Tukey deviate;
/// <paramref name="Drills"/> is how many drill incidents (not their weight) the observed sum holds.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct HarmHeat(
    [property: Id(0)] double Observed,
    [property: Id(1)] double Expected,
    [property: Id(2)] double Score,
    [property: Id(3)] bool HasBaseline,
    [property: Id(4)] int Drills);

/// <summary>One category's heat within an area's profile.</summary>
[GenerateSerializer, Immutable]
public sealed record CategoryHeat([property: Id(0)] Category Category, [property: Id(1)] HeatReading Reading);

/// <summary>
/// An area's drill-down: each category's heat for the window, daily counts of the group for the last 28 days and
/// monthly counts for the last 12 months (oldest first, ending today and this month), and its repeat locations.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AreaProfile(
    [property: Id(0)] CategoryHeat[] Categories,
    [property: Id(1)] int[] Daily,
    [property: Id(2)] int[] Monthly,
    [property: Id(3)] LocationCount[] RepeatLocations);
