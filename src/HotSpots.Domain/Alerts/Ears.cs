namespace HotSpots.Domain.Alerts;

/// <summary>One EARS statistic with the baseline it was measured against.</summary>
public readonly record struct EarsResult(double Statistic, double Mean, double Sigma);

/// <summary>
/// The CDC's Early Aberration Reporting System methods on daily counts (Hutwagner et al. 2003), series oldest first
/// with today last. C1 compares today with the 7 days before it; C2 with days t−9..t−3 (a two-day guard band, so a
/// spike building over days does not raise its own baseline); C3 sums max(0, C2 − 1) over today and the two days
/// before. The baseline's standard deviation is floored at <c>minSigma</c>: with a baseline of seven zeros the plain
/// statistic would be infinite for a single incident, and small counts need a floor to be read sensibly.
/// </summary>
public static class Ears
{
    public const int BaselineDays = 7;

    /// <summary>Days of history (with today) each method needs.</summary>
    public static int DaysNeeded(DetectorMethod method) => method switch
    {
        DetectorMethod.EarsC1 => 8,
        DetectorMethod.EarsC2 => 10,
        DetectorMethod.EarsC3 => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>C1 on the last day. <paramref name="extra"/> (drills) adds to a day's observed count, never to a baseline.</summary>
    public static EarsResult C1(ReadOnlySpan<int> days, double minSigma, ReadOnlySpan<int> extra = default) =>
        Statistic(days, extra, days.Length - 1, guard: 0, minSigma);

    public static EarsResult C2(ReadOnlySpan<int> days, double minSigma, ReadOnlySpan<int> extra = default) =>
        Statistic(days, extra, days.Length - 1, guard: 2, minSigma);

    /// <summary>C3 on today: the sum over today and the two days before of max(0, C2 − 1); mean and sigma are today's C2 baseline.</summary>
    public static EarsResult C3(ReadOnlySpan<int> days, double minSigma, ReadOnlySpan<int> extra = default)
    {
        if (days.Length < DaysNeeded(DetectorMethod.EarsC3)) throw new ArgumentException("C3 needs 12 days of counts", nameof(days));
        double sum = 0;
        EarsResult today = default;
        for (var t = days.Length - 3; t < days.Length; t++)
        {
            var c2 = Statistic(days, extra, t, guard: 2, minSigma);
            sum += Math.Max(0, c2.Statistic - 1);
            today = c2;
        }
        return today with { Statistic = sum };
    }

    private static EarsResult Statistic(ReadOnlySpan<int> days, ReadOnlySpan<int> extra, int t, int guard, double minSigma)
    {
        var first = t - guard - BaselineDays;
        if (first < 0) throw new ArgumentException($"EARS needs {BaselineDays + guard + 1} days of counts up to day {t}", nameof(days));
        double sum = 0, squares = 0;
        for (var i = first; i < first + BaselineDays; i++)
        {
            sum += days[i];
            squares += (double)days[i] * days[i];
        }
        var mean = sum / BaselineDays;
        var variance = Math.Max(0, (squares - BaselineDays * mean * mean) / (BaselineDays - 1));
        var sigma = Math.Max(Math.Sqrt(variance), minSigma);
        var observed = days[t] + (extra.IsEmpty ? 0 : extra[t]);
        return new EarsResult((observed - mean) / sigma, mean, sigma);
    }
}
