using HotSpots.Application.Alerts;

namespace HotSpots.Application.Tests.Alerts;

public sealed class AlertRuleOptionsTests
{
    [Theory]
    [InlineData(nameof(AlertRuleOptions.RunLengthDays), 1e9, "runLengthDays must be from 2 to 3650")]
    [InlineData(nameof(AlertRuleOptions.RunLengthDays), double.NaN, "runLengthDays must be from 2 to 3650")]
    [InlineData(nameof(AlertRuleOptions.ShiftRatio), 1e6, "shiftRatio must be above 1 and at most 20")]
    [InlineData(nameof(AlertRuleOptions.Limit), -1, "limit must be above 0 and at most 100")]
    [InlineData(nameof(AlertRuleOptions.MinSigma), double.PositiveInfinity, "minSigma must be from 0 to 100")]
    [InlineData(nameof(AlertRuleOptions.FalseDiscoveryRate), 1, "falseDiscoveryRate must be from 0 (off) to below 1")]
    public void A_parameter_outside_its_sane_range_is_refused_by_name(string parameter, double value, string problem)
    {
        var options = new AlertRuleOptions { Method = "cusum", Group = "asb" };
        typeof(AlertRuleOptions).GetProperty(parameter)!.SetValue(options, value);

        Assert.Null(options.ToRule("r", out var reason));
        Assert.Equal(problem, reason);
    }

    [Theory]
    [InlineData(0, "count must be from 1 to 10000")]
    [InlineData(1_000_000, "count must be from 1 to 10000")]
    public void A_count_outside_its_range_is_refused(int count, string problem)
    {
        Assert.Null(new AlertRuleOptions { Method = "threshold", Group = "asb", Count = count }.ToRule("r", out var reason));
        Assert.Equal(problem, reason);
    }

    [Fact]
    public void The_shipped_rules_are_all_within_range()
    {
        foreach (var (id, rule) in new AlertOptions().Rules) Assert.NotNull(rule.ToRule(id, out _));
    }
}
