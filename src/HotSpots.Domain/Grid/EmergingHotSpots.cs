namespace HotSpots.Domain.Grid;

/// <summary>The seventeen outcomes of ArcGIS Pro's Emerging Hot Spot Analysis, in its names.</summary>
public enum EmergingPattern
{
    NoPattern,
    NewHotSpot,
    ConsecutiveHotSpot,
    IntensifyingHotSpot,
    PersistentHotSpot,
    DiminishingHotSpot,
    SporadicHotSpot,
    OscillatingHotSpot,
    HistoricalHotSpot,
    NewColdSpot,
    ConsecutiveColdSpot,
    IntensifyingColdSpot,
    PersistentColdSpot,
    DiminishingColdSpot,
    SporadicColdSpot,
    OscillatingColdSpot,
    HistoricalColdSpot,
}

/// <summary>A cell's pattern over a run of time steps, and the trend test on its Gi* z-scores that decided it.</summary>
public sealed record EmergingResult(EmergingPattern Pattern, TrendTest Trend);

/// <summary>
/// Emerging hot spots: each cell's Gi* per time step (its confidence bin) and a Mann–Kendall test on its series of Gi*
/// z-scores, classified as ArcGIS Pro documents it in "How Emerging Hot Spot Analysis works"
/// (https://pro.arcgis.com/en/pro-app/latest/tool-reference/space-time-pattern-mining/learnmoreemerging.htm).
/// "Significant" is a bin at 90% confidence or more, so the steps' FDR choice carries through. For hot spots
/// (cold spots mirror them, with intensifying meaning z falling):
/// <list type="bullet">
/// <item>new: hot in the final step and never before;</item>
/// <item>consecutive: one uninterrupted run of at least two hot steps at the end, never hot before it, under 90% of
/// steps hot;</item>
/// <item>intensifying / persistent / diminishing: hot in at least 90% of steps including the final one, with the z
/// trend significantly up / not significant / significantly down;</item>
/// <item>sporadic: hot in the final step, on-again off-again hot before, under 90% hot, never cold;</item>
/// <item>oscillating: hot in the final step, cold in some earlier step, under 90% hot;</item>
/// <item>historical: not hot in the final step, but hot in at least 90% of steps.</item>
/// </list>
/// Where two definitions overlap (a final-step hot spot whose only earlier significance was cold fits both "new" and
/// "oscillating") the cold history wins: the place has swung, which is what an analyst needs to know.
/// </summary>
public static class EmergingHotSpots
{
    /// <summary>The level at which the z-score trend counts as significant, unless the caller chooses another.</summary>
    public const double DefaultTrendAlpha = 0.05;

    public static EmergingResult Classify(IReadOnlyList<CellScore> steps, double trendAlpha = DefaultTrendAlpha)
    {
        if (steps.Count == 0) throw new ArgumentException("A pattern needs at least one time step.", nameof(steps));
        // An undefined Gi* (no variance that step) carries no clustering either way: 0 is its honest place in the series.
        var z = new double[steps.Count];
        for (var i = 0; i < z.Length; i++) z[i] = steps[i].Z ?? 0;
        var trend = MannKendall.Test(z);
        var pattern = Classify(steps, trend, trendAlpha, hot: true) ?? Classify(steps, trend, trendAlpha, hot: false) ?? EmergingPattern.NoPattern;
        return new EmergingResult(pattern, trend);
    }

    private static EmergingPattern? Classify(IReadOnlyList<CellScore> steps, TrendTest trend, double trendAlpha, bool hot)
    {
        var n = steps.Count;
        int sign = hot ? 1 : -1;
        var significant = 0;
        var opposite = false;
        for (var i = 0; i < n; i++)
        {
            if (Math.Sign(steps[i].Bin) == sign) significant++;
            else if (steps[i].Bin != 0) opposite = true;
        }
        var mostly = 10 * significant >= 9 * n;
        if (Math.Sign(steps[n - 1].Bin) != sign) return mostly ? Pick(hot, EmergingPattern.HistoricalHotSpot, EmergingPattern.HistoricalColdSpot) : null;

        if (mostly)
        {
            if (!trend.IsSignificant(trendAlpha)) return Pick(hot, EmergingPattern.PersistentHotSpot, EmergingPattern.PersistentColdSpot);
            return Math.Sign(trend.Z) == sign
                ? Pick(hot, EmergingPattern.IntensifyingHotSpot, EmergingPattern.IntensifyingColdSpot)
                : Pick(hot, EmergingPattern.DiminishingHotSpot, EmergingPattern.DiminishingColdSpot);
        }
        if (opposite) return Pick(hot, EmergingPattern.OscillatingHotSpot, EmergingPattern.OscillatingColdSpot);

        var finalRun = 0;
        while (finalRun < n && Math.Sign(steps[n - 1 - finalRun].Bin) == sign) finalRun++;
        if (finalRun < significant) return Pick(hot, EmergingPattern.SporadicHotSpot, EmergingPattern.SporadicColdSpot);
        return finalRun == 1
            ? Pick(hot, EmergingPattern.NewHotSpot, EmergingPattern.NewColdSpot)
            : Pick(hot, EmergingPattern.ConsecutiveHotSpot, EmergingPattern.ConsecutiveColdSpot);
    }

    private static EmergingPattern Pick(bool hot, EmergingPattern ifHot, EmergingPattern ifCold) => hot ? ifHot : ifCold;
}
