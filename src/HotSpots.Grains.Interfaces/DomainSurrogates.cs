using HotSpots.Domain.Alerts;
using HotSpots.Domain.Evaluation;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;

namespace HotSpots.Grains;

// The domain stays free of packages, so its types cross grain boundaries through these surrogates.

[GenerateSerializer]
public struct AreaKeySurrogate
{
    [Id(0)] public AreaSetKind Set;
    [Id(1)] public string Code;
}

[RegisterConverter]
public sealed class AreaKeyConverter : IConverter<AreaKey, AreaKeySurrogate>
{
    public AreaKey ConvertFromSurrogate(in AreaKeySurrogate surrogate) => new(surrogate.Set, surrogate.Code);

    public AreaKeySurrogate ConvertToSurrogate(in AreaKey value) => new() { Set = value.Set, Code = value.Code };
}

[GenerateSerializer]
public struct OccurredAtSurrogate
{
    [Id(0)] public DateTimeOffset Start;
    [Id(1)] public TimePrecision Precision;
}

[RegisterConverter]
public sealed class OccurredAtConverter : IConverter<OccurredAt, OccurredAtSurrogate>
{
    public OccurredAt ConvertFromSurrogate(in OccurredAtSurrogate surrogate) => new(surrogate.Start, surrogate.Precision);

    public OccurredAtSurrogate ConvertToSurrogate(in OccurredAt value) => new() { Start = value.Start, Precision = value.Precision };
}

[GenerateSerializer]
public struct CategoryGroupSurrogate
{
    [Id(0)] public string Slug;
    [Id(1)] public uint Mask;
}

[RegisterConverter]
public sealed class CategoryGroupConverter : IConverter<CategoryGroup, CategoryGroupSurrogate>
{
    public CategoryGroup ConvertFromSurrogate(in CategoryGroupSurrogate surrogate) => new(surrogate.Slug, surrogate.Mask);

    public CategoryGroupSurrogate ConvertToSurrogate(in CategoryGroup value) => new() { Slug = value.Slug, Mask = value.Mask };
}

[GenerateSerializer]
public struct HeatWindowSurrogate
{
    [Id(0)] public string Slug;
    [Id(1)] public int Hours;
    [Id(2)] public int BaselinePeriods;
}

[RegisterConverter]
public sealed class HeatWindowConverter : IConverter<HeatWindow, HeatWindowSurrogate>
{
    public HeatWindow ConvertFromSurrogate(in HeatWindowSurrogate surrogate) =>
        HeatWindow.TryParse(surrogate.Slug, out var known) && known.Hours == surrogate.Hours && known.BaselinePeriods == surrogate.BaselinePeriods
            ? known
            : new HeatWindow(surrogate.Slug, surrogate.Hours, surrogate.BaselinePeriods);

    public HeatWindowSurrogate ConvertToSurrogate(in HeatWindow value) =>
        new() { Slug = value.Slug, Hours = value.Hours, BaselinePeriods = value.BaselinePeriods };
}

[GenerateSerializer]
public struct HeatReadingSurrogate
{
    [Id(0)] public int Observed;
    [Id(1)] public double Expected;
    [Id(2)] public double Score;
    [Id(3)] public double BaselinePeriods;
    [Id(4)] public int Drills;
}

[RegisterConverter]
public sealed class HeatReadingConverter : IConverter<HeatReading, HeatReadingSurrogate>
{
    public HeatReading ConvertFromSurrogate(in HeatReadingSurrogate surrogate) =>
        new(surrogate.Observed, surrogate.Expected, surrogate.Score, surrogate.BaselinePeriods) { Drills = surrogate.Drills };

    public HeatReadingSurrogate ConvertToSurrogate(in HeatReading value) => new()
    {
        Observed = value.Observed,
        Expected = value.Expected,
        Score = value.Score,
        BaselinePeriods = value.BaselinePeriods,
        Drills = value.Drills,
    };
}

[GenerateSerializer]
public struct AreaSignalSurrogate
{
    [Id(0)] public int[] Days;
    [Id(1)] public int[] DrillDays;
    [Id(2)] public int[] Hours;
    [Id(3)] public int[] DrillHours;
    [Id(4)] public int CoveredDays;
}

[RegisterConverter]
public sealed class AreaSignalConverter : IConverter<AreaSignal, AreaSignalSurrogate>
{
    public AreaSignal ConvertFromSurrogate(in AreaSignalSurrogate surrogate) =>
        new(surrogate.Days, surrogate.DrillDays, surrogate.Hours, surrogate.DrillHours) { CoveredDays = surrogate.CoveredDays };

    public AreaSignalSurrogate ConvertToSurrogate(in AreaSignal value) => new()
    {
        Days = value.Days,
        DrillDays = value.DrillDays,
        Hours = value.Hours,
        DrillHours = value.DrillHours,
        CoveredDays = value.CoveredDays,
    };
}

[GenerateSerializer]
public struct PeriodCountSurrogate
{
    [Id(0)] public int Count;
    [Id(1)] public int Straddling;
}

[RegisterConverter]
public sealed class PeriodCountConverter : IConverter<PeriodCount, PeriodCountSurrogate>
{
    public PeriodCount ConvertFromSurrogate(in PeriodCountSurrogate surrogate) => new(surrogate.Count, surrogate.Straddling);

    public PeriodCountSurrogate ConvertToSurrogate(in PeriodCount value) => new() { Count = value.Count, Straddling = value.Straddling };
}

[GenerateSerializer]
public struct DayRangeSurrogate
{
    [Id(0)] public int First;
    [Id(1)] public int End;
}

[RegisterConverter]
public sealed class DayRangeConverter : IConverter<DayRange, DayRangeSurrogate>
{
    public DayRange ConvertFromSurrogate(in DayRangeSurrogate surrogate) => new(surrogate.First, surrogate.End);

    public DayRangeSurrogate ConvertToSurrogate(in DayRange value) => new() { First = value.First, End = value.End };
}

[GenerateSerializer]
public struct LocationCountSurrogate
{
    [Id(0)] public string Location;
    [Id(1)] public int Count;
}

[RegisterConverter]
public sealed class LocationCountConverter : IConverter<LocationCount, LocationCountSurrogate>
{
    public LocationCount ConvertFromSurrogate(in LocationCountSurrogate surrogate) => new(surrogate.Location, surrogate.Count);

    public LocationCountSurrogate ConvertToSurrogate(in LocationCount value) => new() { Location = value.Location, Count = value.Count };
}

[GenerateSerializer]
public struct EvidenceSurrogate
{
    [Id(0)] public string RuleId;
    [Id(1)] public DetectorMethod Method;
    [Id(2)] public string Window;
    [Id(3)] public int Observed;
    [Id(4)] public double Expected;
    [Id(5)] public double Statistic;
    [Id(6)] public double Threshold;
    [Id(7)] public double PValue;
    [Id(8)] public bool Fires;
    [Id(9)] public Severity Severity;
    [Id(10)] public bool DrillOnly;
}

[RegisterConverter]
public sealed class EvidenceConverter : IConverter<Evidence, EvidenceSurrogate>
{
    public Evidence ConvertFromSurrogate(in EvidenceSurrogate s) =>
        new(s.RuleId, s.Method, s.Window, s.Observed, s.Expected, s.Statistic, s.Threshold, s.PValue, s.Fires, s.Severity) { DrillOnly = s.DrillOnly };

    public EvidenceSurrogate ConvertToSurrogate(in Evidence v) => new()
    {
        RuleId = v.RuleId,
        Method = v.Method,
        Window = v.Window,
        Observed = v.Observed,
        Expected = v.Expected,
        Statistic = v.Statistic,
        Threshold = v.Threshold,
        PValue = v.PValue,
        Fires = v.Fires,
        Severity = v.Severity,
        DrillOnly = v.DrillOnly,
    };
}

[GenerateSerializer]
public struct AlertRuleSurrogate
{
    [Id(0)] public string Id;
    [Id(1)] public DetectorMethod Method;
    [Id(2)] public CategoryGroup Group;
    [Id(3)] public RuleScope Scope;
    [Id(4)] public string[] Areas;
    [Id(5)] public Severity Severity;
    [Id(6)] public int Count;
    [Id(7)] public TimeSpan Window;
    [Id(8)] public double Limit;
    [Id(9)] public double MinSigma;
    [Id(10)] public int MinCount;
    [Id(11)] public double ShiftRatio;
    [Id(12)] public double RunLengthDays;
    [Id(13)] public bool Hourly;
    [Id(14)] public double FalseDiscoveryRate;
}

[RegisterConverter]
public sealed class AlertRuleConverter : IConverter<AlertRule, AlertRuleSurrogate>
{
    public AlertRule ConvertFromSurrogate(in AlertRuleSurrogate s) => new()
    {
        Id = s.Id,
        Method = s.Method,
        Group = s.Group,
        Scope = s.Scope,
        Areas = s.Areas,
        Severity = s.Severity,
        Count = s.Count,
        Window = s.Window,
        Limit = s.Limit,
        MinSigma = s.MinSigma,
        MinCount = s.MinCount,
        ShiftRatio = s.ShiftRatio,
        RunLengthDays = s.RunLengthDays,
        Hourly = s.Hourly,
        FalseDiscoveryRate = s.FalseDiscoveryRate,
    };

    public AlertRuleSurrogate ConvertToSurrogate(in AlertRule v) => new()
    {
        Id = v.Id,
        Method = v.Method,
        Group = v.Group,
        Scope = v.Scope,
        Areas = [.. v.Areas],
        Severity = v.Severity,
        Count = v.Count,
        Window = v.Window,
        Limit = v.Limit,
        MinSigma = v.MinSigma,
        MinCount = v.MinCount,
        ShiftRatio = v.ShiftRatio,
        RunLengthDays = v.RunLengthDays,
        Hourly = v.Hourly,
        FalseDiscoveryRate = v.FalseDiscoveryRate,
    };
}
