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
}
