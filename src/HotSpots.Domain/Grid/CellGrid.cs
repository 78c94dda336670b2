using HotSpots.Domain.Alerts;
using HotSpots.Domain.Evaluation;

namespace HotSpots.Domain.Grid;

/// <summary>
/// A fixed set of grid cells (those whose centres lie in the area set) with a value per cell (an incident count, or a
/// harm-weighted sum), scored with the Getis–Ord Gi* statistic: Getis &amp; Ord (1992), Geographical Analysis 24(3);
/// Ord &amp; Getis (1995), Geographical Analysis 27(4), in the standardised form ArcGIS's Hot Spot Analysis and PySAL's
/// G_Local(star=True) compute. With binary weights w over the cell and its up-to-eight neighbours that are in the grid,
/// <code>
/// Gi* = (Σⱼ wᵢⱼ xⱼ − X̄ Σⱼ wᵢⱼ) / (S √((n Σⱼ wᵢⱼ² − (Σⱼ wᵢⱼ)²) / (n − 1)))
/// </code>
/// where X̄ and S (population standard deviation) run over all n cells, empty ones included: an empty cell is evidence
/// of a cold place, not a missing value.
/// <para>
/// Built for live use: a new incident changes one cell's value and the maintained Σx and Σx², so any one cell's score
/// is O(1) and the whole grid's is a single O(cells) pass over precomputed neighbour lists. Not thread-safe: its owner
/// is the single writer.
/// </para>
/// </summary>
public sealed class CellGrid
{
    // ArcGIS's three confidence levels (99, 95, 90%) as two-sided significance levels.
    private const double Alpha99 = 0.01;
    private const double Alpha95 = 0.05;
    private const double Alpha90 = 0.10;

    // Fractional harm weights leave rounding in the maintained sums; a variance this small next to the mean square is
    // that rounding, not a difference between cells. Integer counts are exact and never come near it.
    private const double NoVariance = 1e-12;

    private readonly GridCell[] _cells;
    private readonly Dictionary<GridCell, int> _index;
    private readonly int[] _neighbourStart;
    private readonly int[] _neighbours;
    private readonly double[] _values;
    private double _sum;
    private double _sumOfSquares;

    public CellGrid(CellSize size, IEnumerable<GridCell> cells)
    {
        Size = size;
        _cells = [.. cells.Distinct()];
        _index = new Dictionary<GridCell, int>(_cells.Length);
        for (var i = 0; i < _cells.Length; i++) _index[_cells[i]] = i;
        _values = new double[_cells.Length];

        // Neighbour lists flattened into one array (cell i's are _neighbours[_neighbourStart[i].._neighbourStart[i + 1]]),
        // itself included, so the scoring pass walks memory in order.
        _neighbourStart = new int[_cells.Length + 1];
        var neighbours = new List<int>(_cells.Length * 9);
        for (var i = 0; i < _cells.Length; i++)
        {
            _neighbourStart[i] = neighbours.Count;
            var (column, row) = _cells[i];
            for (var dc = -1; dc <= 1; dc++)
            {
                for (var dr = -1; dr <= 1; dr++)
                {
                    if (_index.TryGetValue(new GridCell(column + dc, row + dr), out var j)) neighbours.Add(j);
                }
            }
        }
        _neighbourStart[_cells.Length] = neighbours.Count;
        _neighbours = [.. neighbours];
    }

    public CellSize Size { get; }

    public IReadOnlyList<GridCell> Cells => _cells;

    public double Total => _sum;

    public bool TryIndexOf(GridCell cell, out int index) => _index.TryGetValue(cell, out index);

    public double ValueAt(int index) => _values[index];

    /// <summary>How many cells count in this cell's neighbourhood, itself included: 9 inside the grid, fewer at its edge.</summary>
    public int NeighbourhoodSize(int index) => _neighbourStart[index + 1] - _neighbourStart[index];

    /// <summary>Adds an incident (or its harm weight) at a BNG point; false when the point's cell is not in the grid.</summary>
    public bool Add(double easting, double northing, double weight = 1) => Add(Size.CellAt(easting, northing), weight);

    public bool Add(GridCell cell, double weight = 1)
    {
        if (!double.IsFinite(weight) || weight <= 0) throw new ArgumentOutOfRangeException(nameof(weight), weight, "A weight is a positive number.");
        if (!_index.TryGetValue(cell, out var index)) return false;
        Set(index, _values[index] + weight);
        return true;
    }

    /// <summary>Sets a cell's value outright, for an owner that keeps its own per-period counts and slides a window over them.</summary>
    public void Set(int index, double value)
    {
        if (!double.IsFinite(value) || value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "A cell's value is zero or more.");
        var old = _values[index];
        _values[index] = value;
        _sum += value - old;
        _sumOfSquares += value * value - old * old;
    }

    /// <summary>One cell's Gi*, without any correction across cells (that needs every cell: <see cref="ScoreAll"/>).</summary>
    public CellScore Score(int index)
    {
        var (mean, deviation) = Moments();
        return deviation is { } s ? ScoreOf(index, mean, s) : CellScore.Undefined;
    }

    /// <summary>
    /// Every cell's Gi*. With <paramref name="falseDiscoveryRate"/> each confidence level is corrected across all the
    /// grid's cells by Benjamini–Hochberg (as ArcGIS's "Apply False Discovery Rate (FDR) Correction" does): a cell is
    /// hot or cold at 99% only if it is rejected at q = 0.01 among all n tests, and so on for 95% and 90%.
    /// </summary>
    public GiStarScores ScoreAll(bool falseDiscoveryRate = false)
    {
        var scores = new CellScore[_cells.Length];
        var (mean, deviation) = Moments();
        if (deviation is not { } s)
        {
            Array.Fill(scores, CellScore.Undefined);
            return new GiStarScores(scores, mean, 0, HasVariance: false, falseDiscoveryRate);
        }
        for (var i = 0; i < scores.Length; i++) scores[i] = ScoreOf(i, mean, s);
        if (falseDiscoveryRate) CorrectForFalseDiscoveries(scores);
        return new GiStarScores(scores, mean, s, HasVariance: true, falseDiscoveryRate);
    }

    private (double Mean, double? Deviation) Moments()
    {
        var n = _cells.Length;
        if (n < 2) return (n == 0 ? 0 : _sum, null);
        var mean = _sum / n;
        var meanSquare = _sumOfSquares / n;
        var variance = meanSquare - mean * mean;
        return (mean, variance > NoVariance * meanSquare ? Math.Sqrt(variance) : null);
    }

    private CellScore ScoreOf(int index, double mean, double deviation)
    {
        var start = _neighbourStart[index];
        var end = _neighbourStart[index + 1];
        var local = 0d;
        for (var k = start; k < end; k++) local += _values[_neighbours[k]];
        // Binary weights: Σw = Σw² = the neighbourhood's size.
        double weights = end - start;
        double n = _cells.Length;
        var spread = (n * weights - weights * weights) / (n - 1);
        // A neighbourhood that is the whole grid has nothing to be compared with.
        if (spread <= 0) return CellScore.Undefined;
        var z = (local - mean * weights) / (deviation * Math.Sqrt(spread));
        var p = Normal.TwoSidedP(z);
        return new CellScore(z, p, BinOf(z, p, Alpha99, Alpha95, Alpha90));
    }

    private static void CorrectForFalseDiscoveries(CellScore[] scores)
    {
        var sorted = new double[scores.Length];
        for (var i = 0; i < scores.Length; i++) sorted[i] = scores[i].P;
        Array.Sort(sorted);
        var p99 = BenjaminiHochberg.Threshold(sorted, Alpha99);
        var p95 = BenjaminiHochberg.Threshold(sorted, Alpha95);
        var p90 = BenjaminiHochberg.Threshold(sorted, Alpha90);
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i].Z is { } z) scores[i] = scores[i] with { Bin = BinOf(z, scores[i].P, p99, p95, p90) };
        }
    }

    private static int BinOf(double z, double p, double p99, double p95, double p90)
    {
        var bin = p <= p99 ? 3 : p <= p95 ? 2 : p <= p90 ? 1 : 0;
        return z < 0 ? -bin : bin;
    }
}
