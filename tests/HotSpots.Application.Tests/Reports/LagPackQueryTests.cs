using HotSpots.Application.Reports;

namespace HotSpots.Application.Tests.Reports;

public sealed class LagPackQueryTests
{
    private static readonly DateTimeOffset MidMay2018 = new(2018, 5, 20, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, null, "2018-03", "2018-04")]
    [InlineData(null, "2018-02", "2018-01", "2018-02")]
    [InlineData("2017-11", null, "2017-11", "2018-04")]
    [InlineData("2018-01", "2018-03", "2018-01", "2018-03")]
    public void The_period_defaults_to_the_last_two_complete_months_or_the_two_ending_with_to(string? from, string? to, string first, string last)
    {
        var periods = LagPackQuery.Parse("grays", from, to).Months.Resolve(MidMay2018);

        Assert.Equal((first, last), (PerformanceQuery.Format(periods.CurrentFirst), PerformanceQuery.Format(periods.CurrentLast)));
        Assert.Equal(periods.CurrentFirst - periods.Months, periods.PreviousFirst);
    }

    [Theory]
    [InlineData(" ", null, null, "locality")]
    [InlineData("grays", "March", null, "from")]
    [InlineData("grays", null, "2018/04", "to")]
    public void An_unreadable_parameter_is_named(string locality, string? from, string? to, string parameter)
    {
        var refused = Assert.Throws<ReportInputException>(() => LagPackQuery.Parse(locality, from, to));

        Assert.Equal(parameter, refused.Parameter);
    }

    [Theory]
    [InlineData("2018-04", "2018-03", "from")]
    [InlineData(null, "2018-05", "to")]
    public void A_reversed_period_or_a_month_not_complete_yet_is_refused_naming_the_parameter(string? from, string? to, string parameter)
    {
        var refused = Assert.Throws<ReportInputException>(() => LagPackQuery.Parse("grays", from, to).Months.Resolve(MidMay2018));

        Assert.Equal(parameter, refused.Parameter);
    }
}
