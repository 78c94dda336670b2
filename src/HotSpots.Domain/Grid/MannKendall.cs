using HotSpots.Domain.Evaluation;

namespace HotSpots.Domain.Grid;

/// <summary>S, its variance under no trend (ties corrected), the continuity-corrected z and its two-sided p-value.</summary>
public readonly record struct TrendTest(int Count, long S, double VarianceOfS, double Z, double P)
{
    public bool IsSignificant(double alpha) => P <= alpha;
}

/// <summary>
/// The Mann–Kendall test for a monotonic trend (Mann 1945, Econometrica 13(3); Kendall 1975, Rank Correlation Methods,
/// 4th ed.), in the normal approximation ArcGIS's Emerging Hot Spot Analysis uses: S = Σᵢ&lt;ⱼ sign(xⱼ − xᵢ),
/// Var(S) = [n(n−1)(2n+5) − Σₜ t(t−1)(2t+5)] / 18 over the groups of t tied values, and z = (S − sign(S)) / √Var(S).
/// </summary>
public static class MannKendall
{
    public static TrendTest Test(ReadOnlySpan<double> series)
    {
        foreach (var x in series)
        {
            if (!double.IsFinite(x)) throw new ArgumentException("A trend needs finite values.", nameof(series));
        }
        var n = series.Length;
        long s = 0;
        for (var i = 0; i < n - 1; i++)
        {
            for (var j = i + 1; j < n; j++) s += Math.Sign(series[j] - series[i]);
        }

        var variance = ((double)n * (n - 1) * (2 * n + 5) - TiedGroupsTerm(series)) / 18;
        // Fewer than two values, or all of them tied: no ordering to test.
        if (variance <= 0) return new TrendTest(n, s, 0, 0, 1);
        var z = s == 0 ? 0 : (s - Math.Sign(s)) / Math.Sqrt(variance);
        return new TrendTest(n, s, variance, z, Normal.TwoSidedP(z));
    }

    private static double TiedGroupsTerm(ReadOnlySpan<double> series)
    {
        var sorted = series.ToArray();
        Array.Sort(sorted);
        var term = 0d;
        for (var start = 0; start < sorted.Length;)
        {
            var end = start + 1;
            while (end < sorted.Length && sorted[end] == sorted[start]) end++;
            double t = end - start;
            term += t * (t - 1) * (2 * t + 5);
            start = end;
        }
        return term;
    }
}
