using HotSpots.Domain.Heat;
using HotSpots.Domain.Reports;

namespace HotSpots.Domain.Tests.Reports;

public sealed class NormalHeatTests
{
    [Fact]
    public void Two_months_are_compared_with_twice_the_mean_month_before_them()
    {
        var reading = NormalHeat.Of(30, [10, 12, 8, 10], periodMonths: 2);

        Assert.Equal(20, reading.Expected, 9);
        Assert.Equal(HeatScore.FreemanTukey(30, 20), reading.Score, 9);
        Assert.Equal(2, reading.BaselinePeriods);
        Assert.True(reading.HasBaseline);
    }

    [Fact]
    public void Fewer_months_known_than_the_period_is_long_is_no_baseline_and_none_known_expects_nothing()
    {
        Assert.False(NormalHeat.Of(5, [3], periodMonths: 2).HasBaseline);
        var none = NormalHeat.Of(5, [], periodMonths: 2);
        Assert.Equal((0d, false), (none.Expected, none.HasBaseline));
    }
}
