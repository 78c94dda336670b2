namespace HotSpots.Domain.Alerts;

/// <summary>
/// Benjamini–Hochberg (1995) control of the false discovery rate across many tests at once (the same test in every
/// ward): sort the m p-values, find the largest i with p₍ᵢ₎ ≤ i·q/m, and reject the i smallest. With 20 or 300 wards
/// tested each day, at most a fraction q of the alarms raised are expected to be false, instead of 5% of every ward.
/// </summary>
public static class BenjaminiHochberg
{
    public static bool[] Reject(IReadOnlyList<double> pValues, double q)
    {
        var m = pValues.Count;
        var rejected = new bool[m];
        if (m == 0) return rejected;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var cut = -1;
        for (var rank = 1; rank <= m; rank++)
        {
            if (pValues[order[rank - 1]] <= rank * q / m) cut = rank;
        }
        for (var rank = 1; rank <= cut; rank++) rejected[order[rank - 1]] = true;
        return rejected;
    }
}
