namespace HotSpots.Domain.Alerts;

/// <summary>
/// Benjamini–Hochberg (1995) control of the false discovery rate across many tests at once (the same test in every
/// ward, or every grid cell): sort the m p-values, find the largest i with p₍ᵢ₎ ≤ i·q/m, and reject the i smallest. With
/// 20 or 300 wards tested each day, at most a fraction q of the alarms raised are expected to be false, instead of 5%
/// of every ward.
/// </summary>
public static class BenjaminiHochberg
{
    public static bool[] Reject(IReadOnlyList<double> pValues, double q)
    {
        var sorted = pValues.ToArray();
        Array.Sort(sorted);
        var threshold = Threshold(sorted, q);
        var rejected = new bool[pValues.Count];
        for (var i = 0; i < rejected.Length; i++) rejected[i] = pValues[i] <= threshold;
        return rejected;
    }

    /// <summary>
    /// The largest p-value rejected at level q, given all m p-values in ascending order: every test with a p-value at or
    /// below it is rejected. Negative infinity when none is. One sort serves several levels (a grid's 90, 95 and 99%).
    /// </summary>
    public static double Threshold(ReadOnlySpan<double> sortedAscending, double q)
    {
        var m = sortedAscending.Length;
        for (var rank = m; rank >= 1; rank--)
        {
            if (sortedAscending[rank - 1] <= rank * q / m) return sortedAscending[rank - 1];
        }
        return double.NegativeInfinity;
    }
}
