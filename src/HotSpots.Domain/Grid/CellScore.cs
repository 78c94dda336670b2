namespace HotSpots.Domain.Grid;

/// <summary>
/// One cell's Getis–Ord Gi*: the z-score (null when the statistic is undefined: a grid without variance, or a cell
/// whose neighbourhood is the whole grid), its two-sided p-value, and the confidence bin ArcGIS calls Gi_Bin: +3, +2, +1
/// for a hot spot at 99, 95, 90% confidence, the same negative for a cold spot, 0 for not significant.
/// </summary>
public readonly record struct CellScore(double? Z, double P, int Bin)
{
    public static CellScore Undefined { get; } = new(null, 1, 0);

    /// <summary>The bin in words, for legends and screen readers that must not rely on colour.</summary>
    public static string Describe(int bin) => bin switch
    {
        3 => "Hot spot, 99% confidence",
        2 => "Hot spot, 95% confidence",
        1 => "Hot spot, 90% confidence",
        -1 => "Cold spot, 90% confidence",
        -2 => "Cold spot, 95% confidence",
        -3 => "Cold spot, 99% confidence",
        0 => "Not significant",
        _ => throw new ArgumentOutOfRangeException(nameof(bin), bin, "Gi* bins run from -3 to 3."),
    };
}

/// <summary>Gi* for every cell of a grid, in the grid's cell order, and the grid-wide figures they were measured against.</summary>
public sealed record GiStarScores(
    IReadOnlyList<CellScore> Cells,
    double Mean,
    double StandardDeviation,
    bool HasVariance,
    bool FalseDiscoveryRate);
