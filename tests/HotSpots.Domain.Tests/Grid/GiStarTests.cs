using HotSpots.Domain.Alerts;
using HotSpots.Domain.Grid;

namespace HotSpots.Domain.Tests.Grid;

public sealed class GiStarTests
{
    private static readonly CellSize Size = CellSize.Default;

    // Rows top (north) to bottom; column 0 is grid column 2400, the bottom row is grid row 720 (Thurrock, 250 m cells).
    private static readonly int[,] Counts =
    {
        { 0, 1, 0, 0, 0 },
        { 1, 7, 5, 0, 0 },
        { 0, 6, 9, 1, 0 },
        { 0, 0, 1, 0, 2 },
    };

    [Fact]
    public void Every_cell_of_a_hand_made_grid_matches_Gi_star_worked_straight_from_the_formula()
    {
        var (grid, cells, values) = Build(Counts);

        var scores = grid.ScoreAll();

        var expected = Reference(cells, values);
        Assert.True(scores.HasVariance);
        for (var i = 0; i < cells.Count; i++)
        {
            Assert.Equal(expected[i], scores.Cells[i].Z!.Value, 9);
            Assert.Equal(expected[i], grid.Score(i).Z!.Value, 9);
        }
    }

    [Fact]
    public void The_cluster_in_the_middle_is_hot_and_the_empty_corner_is_not()
    {
        var (grid, cells, _) = Build(Counts);

        var scores = grid.ScoreAll();

        // The four cells around the 7, 5, 6, 9 block share one neighbourhood sum: z = 2.31, p = 0.021.
        var centre = scores.Cells[Index(cells, 2, 2)];
        Assert.Equal(2.306, centre.Z!.Value, 3);
        Assert.Equal(0.0211, centre.P, 4);
        Assert.Equal(2, centre.Bin);
        Assert.Equal(0, scores.Cells[Index(cells, 0, 4)].Bin);
    }

    [Fact]
    public void Corner_and_edge_cells_and_cells_beside_a_hole_count_only_the_neighbours_that_are_in_the_grid()
    {
        // The top row has a hole: the cell at column 2 is not in the area set (its centre is outside every ward).
        var holes = new[] { (Row: 0, Column: 2) };
        var (grid, cells, values) = Build(Counts, holes);

        Assert.Equal(4, grid.NeighbourhoodSize(Index(cells, 3, 0)));
        Assert.Equal(6, grid.NeighbourhoodSize(Index(cells, 3, 2)));
        Assert.Equal(5, grid.NeighbourhoodSize(Index(cells, 0, 1)));
        Assert.Equal(8, grid.NeighbourhoodSize(Index(cells, 1, 1)));
        Assert.Equal(9, grid.NeighbourhoodSize(Index(cells, 2, 2)));
        var scores = grid.ScoreAll();
        var expected = Reference(cells, values);
        for (var i = 0; i < cells.Count; i++) Assert.Equal(expected[i], scores.Cells[i].Z!.Value, 9);
    }

    [Fact]
    public void An_empty_grid_has_no_variance_and_says_so_instead_of_answering_NaN()
    {
        var (grid, _, _) = Build(new int[3, 3]);

        var scores = grid.ScoreAll(falseDiscoveryRate: true);

        Assert.False(scores.HasVariance);
        Assert.All(scores.Cells, cell => Assert.Equal(CellScore.Undefined, cell));
        Assert.Equal(CellScore.Undefined, grid.Score(4));
    }

    [Fact]
    public void A_grid_with_the_same_count_everywhere_has_no_hot_spots()
    {
        var uniform = new int[4, 5];
        for (var r = 0; r < 4; r++) for (var c = 0; c < 5; c++) uniform[r, c] = 3;
        var (grid, _, _) = Build(uniform);

        var scores = grid.ScoreAll();

        Assert.False(scores.HasVariance);
        Assert.Equal(3, scores.Mean);
        Assert.All(scores.Cells, cell => Assert.Equal(CellScore.Undefined, cell));
    }

    [Fact]
    public void A_grid_with_no_cells_scores_nothing()
    {
        var scores = new CellGrid(Size, []).ScoreAll();

        Assert.Empty(scores.Cells);
        Assert.False(scores.HasVariance);
    }

    [Fact]
    public void Incidents_added_one_by_one_give_the_same_scores_as_the_counts_set_at_once()
    {
        var (fromCounts, cells, values) = Build(Counts);
        var live = new CellGrid(Size, cells);
        for (var i = 0; i < cells.Count; i++)
        {
            var (easting, northing) = Size.CentreOf(cells[i]);
            for (var k = 0; k < values[i]; k++) Assert.True(live.Add(easting, northing));
        }

        Assert.False(live.Add(0, 0));
        Assert.Equal(fromCounts.Total, live.Total);
        Assert.Equal(fromCounts.ScoreAll().Cells, live.ScoreAll().Cells);
    }

    [Fact]
    public void A_harm_weight_counts_as_that_much_of_an_incident()
    {
        var (counted, cells, _) = Build(Counts);
        var weighted = new CellGrid(Size, cells);
        for (var i = 0; i < cells.Count; i++) weighted.Set(i, counted.ValueAt(i) * 2.5);

        // Gi* is unchanged by scaling every value: the hot spots of harm with one weight are the hot spots of counts.
        var expected = counted.ScoreAll().Cells;
        var actual = weighted.ScoreAll().Cells;
        for (var i = 0; i < cells.Count; i++) Assert.Equal(expected[i].Z!.Value, actual[i].Z!.Value, 9);
    }

    [Fact]
    public void With_false_discovery_rate_control_each_confidence_level_is_corrected_across_all_cells()
    {
        // A 12 × 12 grid of scattered low counts with two dense blocks, so that some cells stay significant and some do not.
        var random = new Random(3);
        var counts = new int[12, 12];
        for (var r = 0; r < 12; r++) for (var c = 0; c < 12; c++) counts[r, c] = random.Next(3);
        for (var r = 2; r < 5; r++) for (var c = 2; c < 5; c++) counts[r, c] = 6 + random.Next(4);
        for (var r = 8; r < 10; r++) for (var c = 7; c < 10; c++) counts[r, c] = 3 + random.Next(3);
        var (grid, _, _) = Build(counts);

        var plain = grid.ScoreAll().Cells;
        var corrected = grid.ScoreAll(falseDiscoveryRate: true).Cells;

        var p = plain.Select(c => c.P).ToArray();
        for (var i = 0; i < p.Length; i++)
        {
            var level = RejectedByHand(p, i, 0.01) ? 3 : RejectedByHand(p, i, 0.05) ? 2 : RejectedByHand(p, i, 0.10) ? 1 : 0;
            Assert.Equal(Math.Sign(plain[i].Z!.Value) * level, corrected[i].Bin);
            Assert.Equal(plain[i].Z, corrected[i].Z);
        }
        Assert.Contains(corrected, c => c.Bin == 3);
        Assert.True(corrected.Count(c => c.Bin != 0) < plain.Count(c => c.Bin != 0), "the correction should demote some cells");
    }

    [Fact]
    public void The_Benjamini_Hochberg_threshold_steps_up_past_a_p_value_that_fails_its_own_rank()
    {
        // m = 10. At q = 0.10 the bounds are 0.01, 0.02, ..., 0.10: the fourth (0.041 > 0.04) fails, but the sixth
        // (0.059 ≤ 0.06) passes, so all six smallest are rejected. At q = 0.05 (bounds 0.005, 0.010, 0.015, ...) only
        // the first two pass; at q = 0.01 only the first (0.0008 ≤ 0.001).
        double[] sorted = [0.0008, 0.008, 0.039, 0.041, 0.042, 0.059, 0.074, 0.205, 0.212, 0.216];

        Assert.Equal(0.059, BenjaminiHochberg.Threshold(sorted, 0.10));
        Assert.Equal(0.008, BenjaminiHochberg.Threshold(sorted, 0.05));
        Assert.Equal(0.0008, BenjaminiHochberg.Threshold(sorted, 0.01));
        Assert.Equal(double.NegativeInfinity, BenjaminiHochberg.Threshold(sorted, 0.005));
    }

    [Fact]
    public void Confidence_bins_read_in_words()
    {
        Assert.Equal("Hot spot, 99% confidence", CellScore.Describe(3));
        Assert.Equal("Cold spot, 90% confidence", CellScore.Describe(-1));
        Assert.Equal("Not significant", CellScore.Describe(0));
    }

    private static (CellGrid Grid, List<GridCell> Cells, List<int> Values) Build(int[,] counts, (int Row, int Column)[]? holes = null)
    {
        var cells = new List<GridCell>();
        var values = new List<int>();
        var rows = counts.GetLength(0);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < counts.GetLength(1); c++)
            {
                if (holes?.Contains((r, c)) == true) continue;
                cells.Add(new GridCell(2400 + c, 720 + rows - 1 - r));
                values.Add(counts[r, c]);
            }
        }
        var grid = new CellGrid(Size, cells);
        for (var i = 0; i < cells.Count; i++) grid.Set(i, values[i]);
        return (grid, cells, values);
    }

    private static int Index(List<GridCell> cells, int row, int column) => cells.IndexOf(new GridCell(2400 + column, 723 - row));

    /// <summary>Gi* by the textbook: every pair of cells, weight 1 when they touch (or are the same cell).</summary>
    private static double[] Reference(List<GridCell> cells, List<int> values)
    {
        var n = cells.Count;
        var mean = values.Sum() / (double)n;
        var s = Math.Sqrt(values.Sum(x => (double)x * x) / n - mean * mean);
        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            double sumWx = 0, sumW = 0, sumW2 = 0;
            for (var j = 0; j < n; j++)
            {
                var w = Math.Abs(cells[i].Column - cells[j].Column) <= 1 && Math.Abs(cells[i].Row - cells[j].Row) <= 1 ? 1d : 0d;
                sumWx += w * values[j];
                sumW += w;
                sumW2 += w * w;
            }
            z[i] = (sumWx - mean * sumW) / (s * Math.Sqrt((n * sumW2 - sumW * sumW) / (n - 1)));
        }
        return z;
    }

    /// <summary>Benjamini–Hochberg by its definition: test i is rejected if some k with p₍ₖ₎ ≤ kq/m has p₍ₖ₎ ≥ pᵢ.</summary>
    private static bool RejectedByHand(double[] p, int i, double q)
    {
        var sorted = p.Order().ToArray();
        for (var k = 1; k <= sorted.Length; k++)
        {
            if (sorted[k - 1] <= k * q / sorted.Length && p[i] <= sorted[k - 1]) return true;
        }
        return false;
    }
}
