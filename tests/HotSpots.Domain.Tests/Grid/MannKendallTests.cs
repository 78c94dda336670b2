using HotSpots.Domain.Grid;

namespace HotSpots.Domain.Tests.Grid;

public sealed class MannKendallTests
{
    [Fact]
    public void A_published_worked_example_with_one_tie_gives_its_S_variance_z_and_p()
    {
        // "A Mann-Kendall Example (By Hand)", J. Little, College of the Holy Cross
        // (https://mathcs.holycross.edu/~little/Montserrat/MannKendallByHand.txt): 14 values with one tied pair (12.9);
        // S = 54, V = (14)(13)(33)/18 − (2)(1)(9)/18, Z = (S − 1)/√V = 2.9058, one-sided p ≈ .0018, so two-sided ≈ .0037.
        double[] series = [12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7];

        var test = MannKendall.Test(series);

        Assert.Equal(14, test.Count);
        Assert.Equal(54, test.S);
        Assert.Equal((14 * 13 * 33 - 2 * 1 * 9) / 18d, test.VarianceOfS, 9);
        Assert.Equal(2.9058, test.Z, 4);
        Assert.Equal(0.0018, test.P / 2, 4);
        Assert.True(test.IsSignificant(0.01));
    }

    [Fact]
    public void A_strictly_falling_series_has_the_most_negative_S_and_a_z_corrected_towards_zero()
    {
        // Ten distinct values: S = −n(n−1)/2 = −45, Var(S) = 10·9·25/18 = 125, z = (−45 + 1)/√125.
        double[] series = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

        var test = MannKendall.Test(series);

        Assert.Equal(-45, test.S);
        Assert.Equal(125, test.VarianceOfS, 9);
        Assert.Equal(-44 / Math.Sqrt(125), test.Z, 9);
        Assert.True(test.P < 0.001);
    }

    [Fact]
    public void A_flat_series_or_a_single_value_has_no_trend_rather_than_NaN()
    {
        Assert.Equal(new TrendTest(4, 0, 0, 0, 1), MannKendall.Test([2, 2, 2, 2]));
        Assert.Equal(new TrendTest(1, 0, 0, 0, 1), MannKendall.Test([5]));
        Assert.Equal(new TrendTest(0, 0, 0, 0, 1), MannKendall.Test([]));
    }

    [Fact]
    public void A_series_with_a_missing_value_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MannKendall.Test([1, double.NaN, 3]));
    }
}
