namespace HotSpots.Domain.Reports;

/// <summary>
/// The concentration line of a performance summary: the fewest areas (wards) that together hold at least half of a
/// count, as in "2 wards accounted for 45% of all the offences".
/// </summary>
/// <param name="Areas">How many areas it takes, the busiest first.</param>
/// <param name="Held">What those areas hold together.</param>
/// <param name="Indexes">Which areas, as indexes into the counts given, busiest first.</param>
public sealed record Concentration(int Areas, long Held, long Total, double SharePct, IReadOnlyList<int> Indexes);

/// <summary>
/// The arithmetic of the board's performance summary (the shape of Essex Police's "Performance Summary"): change
/// between two periods, share of a parent's total, rank among siblings, rate per 1,000 residents and concentration.
/// Percentages are rounded to one decimal place and rates to two, away from zero, as the published tables print them,
/// so every output (JSON, CSV) carries the same figure.
/// </summary>
public static class PerformanceFigures
{
    /// <summary>The change in per cent of the previous count; none when the previous count is 0 (no base to compare with).</summary>
    public static double? DifferencePct(long previous, long current) =>
        previous == 0 ? null : Round1((current - previous) * 100.0 / previous);

    /// <summary>A part's share of a whole in per cent; none when the whole is 0.</summary>
    public static double? SharePct(long part, long whole) => whole == 0 ? null : Round1(part * 100.0 / whole);

    /// <summary>Incidents per 1,000 residents; none without a population.</summary>
    public static double? RatePer1000(long count, long? population) =>
        population is > 0 ? Math.Round(count * 1000.0 / population.Value, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>
    /// Ranks, the highest count first (1), ties sharing the better rank and the next rank skipping as many places
    /// ("1, 2, 2, 4"), so "2nd of 14" means one area had more.
    /// </summary>
    public static int[] Ranks(IReadOnlyList<long> counts)
    {
        var ranks = new int[counts.Count];
        for (var i = 0; i < counts.Count; i++)
        {
            var higher = 0;
            for (var j = 0; j < counts.Count; j++)
            {
                if (counts[j] > counts[i]) higher++;
            }
            ranks[i] = higher + 1;
        }
        return ranks;
    }

    /// <summary>The fewest areas holding at least half of the total, busiest first (ties by index); none when the total is 0.</summary>
    public static Concentration? Concentrate(IReadOnlyList<long> counts)
    {
        var total = counts.Sum();
        if (total == 0) return null;
        var order = Enumerable.Range(0, counts.Count).OrderByDescending(i => counts[i]).ThenBy(i => i).ToList();
        long held = 0;
        var taken = 0;
        while (held * 2 < total) held += counts[order[taken++]];
        return new Concentration(taken, held, total, Round1(held * 100.0 / total), order[..taken]);
    }

    private static double Round1(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
