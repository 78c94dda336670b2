namespace HotSpots.Domain.Heat;

/// <summary>
/// The heat score is the Freeman–Tukey deviate of an observed count against a Poisson expectation:
/// √o + √(o+1) − √(4e+1). It is variance-stabilised, so it reads roughly like a z-score at every size
/// (2 is unusual, 3 is very unusual) yet grows only like √o when the expectation is near zero: one incident where
/// none was expected scores 1.41, five score 3.69, instead of the infinite ratio a plain o/e would give.
/// </summary>
public static class HeatScore
{
    public static double FreemanTukey(double observed, double expected)
    {
        if (observed < 0 || expected < 0 || !double.IsFinite(observed) || !double.IsFinite(expected))
            throw new ArgumentOutOfRangeException(nameof(observed), "counts must be finite and non-negative");
        return Math.Sqrt(observed) + Math.Sqrt(observed + 1) - Math.Sqrt(4 * expected + 1);
    }
}

/// <summary>
/// Heat of one area for one group and window. <paramref name="BaselinePeriods"/> says how many whole baseline
/// periods the expected count rests on (fewer than requested while the data is young; 0 means no expectation yet).
/// </summary>
public readonly record struct HeatReading(int Observed, double Expected, double Score, double BaselinePeriods)
{
    /// <summary>
    /// Whether the expectation rests on at least one whole earlier period. Without one, expected is 0 for want of
    /// history, not because the area is quiet, so the score measures nothing and must not be read as unusual.
    /// </summary>
    public bool HasBaseline => BaselinePeriods >= 1;

    /// <summary>How many of the observed incidents are drills (the expectation never includes drills).</summary>
    public int Drills { get; init; }

    /// <summary>This reading with drill incidents added to what was observed.</summary>
    public HeatReading WithDrills(int drills) =>
        drills == 0 ? this : Of(Observed + drills, Expected, BaselinePeriods) with { Drills = Drills + drills };

    public static HeatReading Of(int observed, double expected, double baselinePeriods) =>
        new(observed, expected, HeatScore.FreemanTukey(observed, expected), baselinePeriods);
}
