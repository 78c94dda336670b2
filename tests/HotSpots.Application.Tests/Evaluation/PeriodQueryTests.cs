using HotSpots.Application.Evaluation;

namespace HotSpots.Application.Tests.Evaluation;

public class PeriodQueryTests
{
    [Fact]
    public void No_period_given_leaves_the_periods_to_the_operations_own_dates()
    {
        Assert.True(PeriodQuery.TryParsePeriods(null, null, null, out var periods, out var error));
        Assert.Null(periods);
        Assert.Null(error);
    }

    [Fact]
    public void Months_and_day_ranges_joined_by_commas_make_each_period()
    {
        Assert.True(PeriodQuery.TryParsePeriods("2018-01, 2018-02-01..2018-02-10", "2018-03", "2018-04..2018-05", out var periods, out _));

        Assert.Equal(["2018-01-01..2018-01-31", "2018-02-01..2018-02-10"], periods!.Before.Ranges.Select(r => r.ToString()));
        Assert.Equal(["2018-03-01..2018-03-31"], periods.During.Ranges.Select(r => r.ToString()));
        Assert.Equal(["2018-04-01..2018-05-31"], periods.After!.Ranges.Select(r => r.ToString()));
    }

    [Theory]
    [InlineData("2018-01", null, "during is required when any period is given")]
    [InlineData("2018-01..2018-03", "2018-03", "before, during and after must not overlap")]
    [InlineData("2018-01,2018-01-15..2018-01-20", "2018-03", "before has no ranges, or ranges that overlap")]
    [InlineData("2018-13", "2018-03", "before '2018-13' is not yyyy-MM-dd..yyyy-MM-dd")]
    public void Unusable_periods_are_refused_naming_the_period(string? before, string? during, string reason)
    {
        Assert.False(PeriodQuery.TryParsePeriods(before, during, null, out var periods, out var error));
        Assert.Null(periods);
        Assert.StartsWith(reason, error);
    }

    [Fact]
    public void Days_default_when_absent_and_must_run_forwards()
    {
        var today = new DateOnly(2026, 6, 15);
        Assert.True(PeriodQuery.TryParseDays(null, null, today.AddDays(-28), today, out var first, out var last, out _));
        Assert.Equal((today.AddDays(-28), today), (first, last));

        Assert.False(PeriodQuery.TryParseDays("2026-06-10", "2026-06-01", today, today, out _, out _, out var error));
        Assert.Equal("from 2026-06-10 is after to 2026-06-01", error);
    }
}
