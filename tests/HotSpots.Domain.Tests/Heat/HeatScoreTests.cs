using HotSpots.Domain.Heat;

namespace HotSpots.Domain.Tests.Heat;

public class HeatScoreTests
{
    [Fact]
    public void Nothing_observed_where_nothing_was_expected_scores_zero()
    {
        Assert.Equal(0, HeatScore.FreemanTukey(0, 0), 12);
    }

    [Theory]
    [InlineData(1, 0, 1.41421356)]
    [InlineData(5, 0, 3.68555774)]
    [InlineData(0, 2, -2)]
    [InlineData(7, 0.4, 3.86172690)]
    public void Small_counts_give_the_hand_computed_Freeman_Tukey_deviate(double observed, double expected, double score)
    {
        // √o + √(o+1) − √(4e+1), worked by hand: e.g. 5 against 0 is √5 + √6 − 1.
        Assert.Equal(score, HeatScore.FreemanTukey(observed, expected), 6);
    }

    [Fact]
    public void One_incident_where_none_was_expected_stays_modest_instead_of_exploding()
    {
        Assert.InRange(HeatScore.FreemanTukey(1, 0), 1, 2);
        Assert.True(HeatScore.FreemanTukey(2, 0) < HeatScore.FreemanTukey(3, 0));
    }

    [Fact]
    public void Observed_equal_to_a_large_expectation_scores_near_zero()
    {
        Assert.InRange(HeatScore.FreemanTukey(400, 400), -0.1, 0.1);
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HeatScore.FreemanTukey(-1, 0));
    }
}
