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

    [Theory]
    [InlineData("")]
    [InlineData("rule with spaces")]
    [InlineData("rule\u0000")]
    [InlineData("an-id-of-sixty-five-characters-is-longer-than-any-rule-needs-xxxx")]
    public void A_rule_id_that_is_not_a_short_name_is_refused(string id)
    {
        Assert.Null(new AlertRuleOptions { Method = "threshold", Group = "asb" }.ToRule(id, out var reason));
        Assert.Equal("a rule id is 1-64 characters of letters, digits, '-' and '_'", reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-zone-code-of-sixty-five-characters-is-longer-than-any-code-xxxx")]
    public void An_area_that_is_not_a_code_is_refused_naming_areas(string code)
    {
        Assert.Null(new AlertRuleOptions { Method = "threshold", Group = "asb", Areas = ["E05002235", code] }.ToRule("r", out var reason));
        Assert.Equal("areas must be codes of 1 to 64 characters", reason);
    }

    [Fact]
    public void The_shipped_rules_are_all_within_range()
    {
        foreach (var (id, rule) in new AlertOptions().Rules) Assert.NotNull(rule.ToRule(id, out _));
    }
}
