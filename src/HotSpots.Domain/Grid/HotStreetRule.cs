namespace HotSpots.Domain.Grid;

/// <summary>
/// Which repeat locations inside hot cells are "hot streets", one rule for the live drill-down and the LAG pack: a
/// published description with two or more incidents in one cell that Gi* finds hot at 95% confidence or more, most
/// incidents first (then by description and cell, so that ties list the same way every time).
/// </summary>
public static class HotStreetRule
{
    /// <summary>
    /// Hot at 95% (bin 2) or 99%. A 90% cell is hot by chance one time in ten where nothing clusters; a list that sends
    /// patrols to named streets takes the conventional 5% level, as hot spot policing studies do.
    /// </summary>
    public const int LeastBin = 2;

    /// <summary><see cref="LeastBin"/> as a confidence in per cent.</summary>
    public const int LeastConfidence = 95;

    /// <summary>A location is a repeat location from its second incident, as an area's repeat locations.</summary>
    public const int LeastCount = 2;

    public static bool IsHot(CellScore score) => score.Bin >= LeastBin;

    /// <summary>The hot streets among the counts of (cell, description) pairs in hot cells, at most <paramref name="listed"/>.</summary>
    public static IEnumerable<(GridCell Cell, string Location, int Count)> Rank(IEnumerable<KeyValuePair<(GridCell Cell, string Location), int>> counts, int listed) =>
        counts.Where(c => c.Value >= LeastCount)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key.Location, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Cell.Row).ThenBy(c => c.Key.Cell.Column)
            .Take(listed)
            .Select(c => (c.Key.Cell, c.Key.Location, c.Value));
}
