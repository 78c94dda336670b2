using HotSpots.Domain.Reports;

namespace HotSpots.Domain.Tests.Reports;

public class PerformanceFiguresTests
{
    [Theory]
    [InlineData(120, 90, -25.0)]
    [InlineData(3, 1, -66.7)]
    [InlineData(3, 5, 66.7)]
    [InlineData(8, 9, 12.5)]
    [InlineData(7, 7, 0.0)]
    public void The_change_is_in_per_cent_of_the_previous_count_to_one_decimal(long previous, long current, double expected) =>
        Assert.Equal(expected, PerformanceFigures.DifferencePct(previous, current));

    [Fact]
    public void There_is_no_change_in_per_cent_from_nothing_and_no_share_of_nothing()
    {
        Assert.Null(PerformanceFigures.DifferencePct(0, 12));
        Assert.Null(PerformanceFigures.SharePct(0, 0));
        Assert.Equal(45.5, PerformanceFigures.SharePct(5, 11));
    }

    [Fact]
    public void Ties_share_the_better_rank_and_the_next_rank_skips_as_many_places()
    {
        Assert.Equal([2, 1, 2, 4, 4], PerformanceFigures.Ranks([5, 9, 5, 0, 0]));
        Assert.Empty(PerformanceFigures.Ranks([]));
    }

    [Fact]
    public void Concentration_is_the_fewest_busiest_areas_that_hold_at_least_half()
    {
        var c = PerformanceFigures.Concentrate([10, 40, 5, 25, 20])!;

        Assert.Equal((2, 65L, 100L, 65.0), (c.Areas, c.Held, c.Total, c.SharePct));
        Assert.Equal([1, 3], c.Indexes);
    }

    [Fact]
    public void Exactly_half_is_enough_and_an_empty_count_has_no_concentration()
    {
        Assert.Equal(1, PerformanceFigures.Concentrate([5, 3, 2])!.Areas);
        Assert.Null(PerformanceFigures.Concentrate([0, 0]));
    }

    [Fact]
    public void Rates_need_a_population_and_are_per_1000_to_two_decimals()
    {
        Assert.Equal(14.71, PerformanceFigures.RatePer1000(2_500, 170_000));
        Assert.Null(PerformanceFigures.RatePer1000(2_500, null));
        Assert.Null(PerformanceFigures.RatePer1000(2_500, 0));
    }
}
