using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Tests.Incidents;

public class OccurredAtTests
{
    [Theory]
    [InlineData("2018-01", TimePrecision.Month, "2018-01-01T00:00:00+00:00")]
    [InlineData("2018-01-15", TimePrecision.Day, "2018-01-15T00:00:00+00:00")]
    [InlineData("2018-01-15T18:30:00Z", TimePrecision.Exact, "2018-01-15T18:30:00+00:00")]
    [InlineData("2018-07-15T18:30:00+01:00", TimePrecision.Exact, "2018-07-15T17:30:00+00:00")]
    [InlineData("2018-07-15 18:30z", TimePrecision.Exact, "2018-07-15T18:30:00+00:00")]
    [InlineData("2018-07-15t18:30:00.25-02:00", TimePrecision.Exact, "2018-07-15T20:30:00.25+00:00")]
    public void Iso_text_is_read_at_the_precision_it_states(string text, TimePrecision precision, string start)
    {
        Assert.True(OccurredAt.TryParse(text, out var value, out var error), error);
        Assert.Equal(precision, value.Precision);
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), value.Start);
    }

    [Theory]
    [InlineData("2018-01-15T18:30:00", "no UTC offset")]
    [InlineData("2018-13", "not ISO 8601")]
    [InlineData("15/01/2018", "not ISO 8601")]
    [InlineData("2026-11-30 Dec 1 12:00 z", "not ISO 8601")]
    [InlineData("2026-11-30T12:00 +1", "not ISO 8601")]
    [InlineData("2026-11-30Tnoon Z", "not ISO 8601")]
    [InlineData("", "required")]
    public void Ambiguous_or_malformed_times_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(OccurredAt.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Month_index_keys_monthly_totals()
    {
        Assert.Equal(2018 * 12, OccurredAt.Month(2018, 1).MonthIndex);
        Assert.Equal(OccurredAt.Month(2018, 2).MonthIndex, OccurredAt.Exact(new DateTimeOffset(2018, 2, 28, 23, 0, 0, TimeSpan.Zero)).MonthIndex);
    }
}
