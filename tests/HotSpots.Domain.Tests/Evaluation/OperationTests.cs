using HotSpots.Domain.Evaluation;

namespace HotSpots.Domain.Tests.Evaluation;

public class OperationTests
{
    private static Operation Valid() => new("op-dial", "Op Dial", OperationType.Dial, ["lakeside"],
        [new ActivePeriod(new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 1)), new ActivePeriod(new DateOnly(2026, 4, 1), null)], ["asb"]);

    [Fact]
    public void A_well_formed_operation_has_no_problems_and_defaults_to_a_200_to_400_metre_buffer()
    {
        var operation = Valid();

        Assert.Empty(operation.Problems());
        Assert.Equal((200, 400), (operation.BufferInnerMetres, operation.BufferOuterMetres));
    }

    [Fact]
    public void Each_mistake_in_an_operation_is_named()
    {
        var operation = Valid() with
        {
            Id = "Op Dial!",
            Zones = ["a", "a"],
            TargetGroups = ["asb", "burglaries"],
            ActivePeriods = [new ActivePeriod(new DateOnly(2026, 1, 5), null), new ActivePeriod(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1)), new ActivePeriod(default, null)],
            BufferInnerMetres = 500,
        };

        var problems = operation.Problems();

        Assert.Contains(problems, p => p.StartsWith("id "));
        Assert.Contains(problems, p => p.Contains("zone twice"));
        Assert.Contains(problems, p => p.Contains("'burglaries'"));
        Assert.Contains(problems, p => p.Contains("ends before it starts"));
        Assert.Contains(problems, p => p.Contains("needs a start date"));
        Assert.Contains(problems, p => p.Contains("overlap"));
        Assert.Contains(problems, p => p.Contains("bufferInnerMetres"));
    }

    [Fact]
    public void A_running_period_counts_whole_days_up_to_today()
    {
        var period = new ActivePeriod(new DateOnly(2026, 4, 1), null);
        var today = DayRange.DayOf(new DateOnly(2026, 4, 11));

        Assert.Equal(10, period.Until(today).Days);
        Assert.Equal("2026-04-01..2026-04-10", period.Until(today).ToString());
    }

    [Theory]
    [InlineData("2018-01..2018-02", "2018-01-01..2018-02-28")]
    [InlineData("2018-03", "2018-03-01..2018-03-31")]
    [InlineData("2018-01-15..2018-02", "2018-01-15..2018-02-28")]
    [InlineData("2018-01..2018-01-10", "2018-01-01..2018-01-10")]
    [InlineData("2018-02-01..2018-03-31", "2018-02-01..2018-03-31")]
    public void Periods_are_written_as_dates_months_or_a_run_of_months(string text, string days)
    {
        Assert.True(DayRange.TryParse(text, out var range));
        Assert.Equal(days, range.ToString());
    }

    [Theory]
    [InlineData("2018-02..2018-01")]
    [InlineData("last spring")]
    [InlineData("2018-01..")]
    [InlineData("2018-13")]
    public void Periods_that_are_not_dates_or_end_before_they_start_are_refused(string text) => Assert.False(DayRange.TryParse(text, out _));
}
