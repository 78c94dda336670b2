using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Alerts;

public enum DetectorMethod
{
    Threshold,
    EarsC1,
    EarsC2,
    EarsC3,
    Cusum,
}

public enum Severity
{
    Low,
    Medium,
    High,
}

/// <summary>Which areas a rule watches: every ward, every zone, or both; optionally only some codes.</summary>
public enum RuleScope
{
    Wards,
    Zones,
    All,
}

/// <summary>
/// One alert rule: a detector on a category group over some areas, with its parameters. Statistical methods
/// (EARS, CUSUM) also need at least <see cref="MinCount"/> incidents on the day (the minimum-count gate), and across
/// areas their p-values pass a Benjamini–Hochberg step at <see cref="FalseDiscoveryRate"/> (0 turns that off).
/// </summary>
public sealed record AlertRule
{
    public required string Id { get; init; }

    public required DetectorMethod Method { get; init; }

    public required CategoryGroup Group { get; init; }

    public RuleScope Scope { get; init; } = RuleScope.All;

    /// <summary>Area codes the rule is limited to; empty means every area in scope.</summary>
    public IReadOnlyList<string> Areas { get; init; } = [];

    public Severity Severity { get; init; } = Severity.Medium;

    /// <summary>Threshold rules: alarm at this many incidents within <see cref="Window"/>.</summary>
    public int Count { get; init; } = 5;

    /// <summary>Threshold rules: the rolling window, in whole hours.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);

    /// <summary>EARS: alarm when the statistic reaches this (3 for C1 and C2, 2 for C3 by convention).</summary>
    public double Limit { get; init; } = 3;

    /// <summary>EARS: the floor under the baseline's standard deviation.</summary>
    public double MinSigma { get; init; } = 1;

    /// <summary>EARS and CUSUM: no alarm with fewer incidents than this today.</summary>
    public int MinCount { get; init; } = 3;

    /// <summary>CUSUM: the shift to detect, as a multiple of the baseline rate.</summary>
    public double ShiftRatio { get; init; } = 2;

    /// <summary>CUSUM: the wanted days between false alarms in one area when nothing has changed.</summary>
    public double RunLengthDays { get; init; } = 365;

    /// <summary>CUSUM: on hourly counts over the last 24 hours instead of daily counts over the last 8 days.</summary>
    public bool Hourly { get; init; }

    /// <summary>Benjamini–Hochberg q across the rule's areas; 0 tests each area on its own.</summary>
    public double FalseDiscoveryRate { get; init; } = 0.05;

    public bool IsStatistical => Method != DetectorMethod.Threshold;

    public bool Watches(bool isZone, string code) =>
        (Scope == RuleScope.All || (Scope == RuleScope.Zones) == isZone) && (Areas.Count == 0 || Areas.Contains(code));

    /// <summary>The method's name as the explanation gives it.</summary>
    public static string MethodName(DetectorMethod method) => method switch
    {
        DetectorMethod.Threshold => "threshold",
        DetectorMethod.EarsC1 => "EARS C1",
        DetectorMethod.EarsC2 => "EARS C2",
        DetectorMethod.EarsC3 => "EARS C3",
        _ => "Poisson CUSUM",
    };
}
