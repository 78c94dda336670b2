using HotSpots.Domain.Evaluation;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Tests.Heat;

public class PeriodCountTests
{
    [Fact]
    public void A_period_counts_timed_and_dated_incidents_by_day_however_long_ago()
    {
        var counts = new AreaCounts();
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Exact(new DateTimeOffset(2019, 5, 31, 23, 59, 0, TimeSpan.Zero)));
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Exact(new DateTimeOffset(2019, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        counts.Record(Category.FlyTipping, OccurredAt.Day(2019, 6, 30));
        counts.Record(Category.ViolentCrime, OccurredAt.Day(2019, 6, 15));

        var june = DayRange.Dates(new DateOnly(2019, 6, 1), new DateOnly(2019, 6, 30));

        Assert.Equal(new PeriodCount(2, 0), counts.Count(CategoryGroup.Asb, june));
        Assert.Equal(new PeriodCount(3, 0), counts.Count(CategoryGroup.All, june));
        Assert.Equal(new PeriodCount(1, 0), counts.Count(CategoryGroup.Asb, DayRange.Dates(new DateOnly(2019, 5, 1), new DateOnly(2019, 5, 31))));
    }

    [Fact]
    public void Month_only_incidents_count_when_their_whole_month_is_inside_and_are_reported_when_it_straddles()
    {
        var counts = new AreaCounts();
        for (var i = 0; i < 5; i++) counts.Record(Category.AntiSocialBehaviour, OccurredAt.Month(2018, 3));
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Month(2018, 4));

        Assert.Equal(new PeriodCount(6, 0), counts.Count(CategoryGroup.Asb, DayRange.Dates(new DateOnly(2018, 3, 1), new DateOnly(2018, 4, 30))));
        Assert.Equal(new PeriodCount(1, 5), counts.Count(CategoryGroup.Asb, DayRange.Dates(new DateOnly(2018, 3, 15), new DateOnly(2018, 4, 30))));
        Assert.Equal(new PeriodCount(0, 0), counts.Count(CategoryGroup.Violence, DayRange.Month(2018 * 12 + 2)));
    }

    [Fact]
    public void Daily_counts_of_a_range_put_each_timed_or_dated_incident_on_its_day()
    {
        var counts = new AreaCounts();
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Exact(new DateTimeOffset(2020, 12, 31, 12, 0, 0, TimeSpan.Zero)));
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Day(2021, 1, 2));
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Month(2021, 1));
        var days = new int[4];

        counts.FillDays(CategoryGroup.Asb, DayRange.Dates(new DateOnly(2020, 12, 30), new DateOnly(2021, 1, 2)), days);

        Assert.Equal([0, 1, 0, 1], days);
    }
}
