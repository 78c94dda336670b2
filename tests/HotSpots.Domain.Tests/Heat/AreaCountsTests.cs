using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Tests.Heat;

public class AreaCountsTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_24h_window_ends_with_the_current_clock_hour_and_drops_hours_at_its_edge()
    {
        var counts = new AreaCounts();
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Exact(Day1.AddHours(9).AddMinutes(59).AddSeconds(59)));
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Exact(Day1.AddHours(10)));

        Assert.Equal(2, counts.Rolling(CategoryGroup.Asb, HeatWindow.Day, Day1.AddHours(10).AddMinutes(30), null).Observed);
        // 08:59 next day: the window runs from the 09:00 hour of day 1, so both are in.
        Assert.Equal(2, counts.Rolling(CategoryGroup.Asb, HeatWindow.Day, Day1.AddHours(32).AddMinutes(59), null).Observed);
        // 09:00 next day: the 09:00 hour of day 1 has rolled out; the 10:00 one stays until 10:00.
        Assert.Equal(1, counts.Rolling(CategoryGroup.Asb, HeatWindow.Day, Day1.AddHours(33), null).Observed);
        Assert.Equal(1, counts.Rolling(CategoryGroup.Asb, HeatWindow.Day, Day1.AddHours(33).AddMinutes(59), null).Observed);
        Assert.Equal(0, counts.Rolling(CategoryGroup.Asb, HeatWindow.Day, Day1.AddHours(34), null).Observed);
    }

    [Fact]
    public void Expected_is_the_mean_of_the_baseline_periods_before_the_window()
    {
        var counts = new AreaCounts();
        // Two incidents a day for the 28 days before the window, and five inside it.
        for (var d = 1; d <= 28; d++)
        {
            counts.Record(Category.DeliberateSecondaryFire, OccurredAt.Exact(Day1.AddDays(-d).AddHours(12)));
            counts.Record(Category.DeliberatePrimaryFire, OccurredAt.Exact(Day1.AddDays(-d).AddHours(20)));
        }
        for (var i = 0; i < 5; i++) counts.Record(Category.DeliberateSecondaryFire, OccurredAt.Exact(Day1.AddHours(2 + i)));

        var now = Day1.AddHours(23).AddMinutes(10);
        var reading = counts.Rolling(CategoryGroup.DeliberateFires, HeatWindow.Day, now, Day1.AddDays(-60));

        Assert.Equal(5, reading.Observed);
        Assert.Equal(2.0, reading.Expected, 6);
        Assert.Equal(28, reading.BaselinePeriods, 6);
        Assert.Equal(HeatScore.FreemanTukey(5, 2), reading.Score, 9);
    }

    [Fact]
    public void A_baseline_shorter_than_requested_is_scaled_to_the_periods_it_covers()
    {
        var counts = new AreaCounts();
        for (var d = 1; d <= 4; d++) counts.Record(Category.ViolentCrime, OccurredAt.Exact(Day1.AddDays(-d).AddHours(5)));

        var reading = counts.Rolling(CategoryGroup.Violence, HeatWindow.Day, Day1.AddHours(23), coverageStart: Day1.AddDays(-4));

        Assert.Equal(4, reading.BaselinePeriods, 6);
        Assert.Equal(1.0, reading.Expected, 6);
    }

    [Fact]
    public void Less_than_one_covered_period_gives_no_expectation_rather_than_a_guess()
    {
        var counts = new AreaCounts();
        counts.Record(Category.Drugs, OccurredAt.Exact(Day1.AddHours(-3)));

        var reading = counts.Rolling(CategoryGroup.All, HeatWindow.Day, Day1.AddHours(23), coverageStart: Day1.AddHours(-3));

        Assert.Equal(0, reading.Expected);
        Assert.True(reading.BaselinePeriods < 1);
    }

    [Fact]
    public void Groups_count_only_their_own_categories()
    {
        var counts = new AreaCounts();
        var at = OccurredAt.Exact(Day1.AddHours(1));
        counts.Record(Category.AntiSocialBehaviour, at);
        counts.Record(Category.FlyTipping, at);
        counts.Record(Category.Burglary, at);
        counts.Record(Category.Robbery, at);

        var now = Day1.AddHours(2);
        Assert.Equal(2, counts.Rolling(CategoryGroup.Asb, HeatWindow.Day, now, null).Observed);
        Assert.Equal(1, counts.Rolling(CategoryGroup.Violence, HeatWindow.Day, now, null).Observed);
        Assert.Equal(4, counts.Rolling(CategoryGroup.All, HeatWindow.Day, now, null).Observed);
        Assert.True(CategoryGroup.TryParse("burglary", out var single));
        Assert.Equal(1, counts.Rolling(single, HeatWindow.Day, now, null).Observed);
    }

    [Fact]
    public void Month_precision_incidents_count_in_calendar_months_but_not_in_rolling_windows()
    {
        var counts = new AreaCounts();
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Month(2018, 1));
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Month(2018, 1));
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Month(2018, 2));
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Month(2018, 3));
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Month(2018, 3));
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Month(2018, 3));
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Month(2018, 3));

        var firstMonth = OccurredAt.Month(2018, 1).MonthIndex;
        var march = counts.Month(CategoryGroup.Asb, OccurredAt.Month(2018, 3).MonthIndex, firstMonth);
        Assert.Equal(4, march.Observed);
        Assert.Equal(1.5, march.Expected, 9);
        Assert.Equal(2, march.BaselinePeriods);

        var january = counts.Month(CategoryGroup.Asb, firstMonth, firstMonth);
        Assert.Equal(2, january.Observed);
        Assert.Equal(0, january.BaselinePeriods);
        Assert.Equal(0, counts.Rolling(CategoryGroup.Asb, HeatWindow.FourWeeks, new DateTimeOffset(2018, 3, 20, 0, 0, 0, TimeSpan.Zero), null).Observed);
    }

    [Fact]
    public void The_hourly_buckets_hold_every_window_and_its_baseline()
    {
        Assert.True(HeatWindow.HoursHeld >= 28 * 24 * (HeatWindow.FourWeeks.BaselinePeriods + 1));
        var counts = new AreaCounts();
        var now = Day1;
        var oldest = now.AddHours(-(28 * 24 * 4) + 1);
        counts.Record(Category.Drugs, OccurredAt.Exact(now));
        counts.Record(Category.Drugs, OccurredAt.Exact(oldest));

        var reading = counts.Rolling(CategoryGroup.All, HeatWindow.FourWeeks, now, oldest);

        Assert.Equal(1, reading.Observed);
        Assert.Equal(1.0 / 3, reading.Expected, 9);
    }

    [Fact]
    public void A_dated_incident_counts_in_a_rolling_window_only_while_its_whole_day_is_inside()
    {
        var counts = new AreaCounts();
        counts.Record(Category.FlyTipping, OccurredAt.Day(2026, 3, 10));

        // At 23:30 on 16 March the 7 d window starts at 00:00 on the 10th: the whole day is inside.
        Assert.Equal(1, counts.Rolling(CategoryGroup.Asb, HeatWindow.Week, Day1.AddDays(6).AddHours(23).AddMinutes(30), null).Observed);
        // An hour later the window starts at 01:00 on the 10th and the day no longer fits.
        Assert.Equal(0, counts.Rolling(CategoryGroup.Asb, HeatWindow.Week, Day1.AddDays(7).AddMinutes(30), null).Observed);
        // The 24 h window ending 23:30 on the 10th covers the whole day; one ending mid-afternoon does not.
        Assert.Equal(1, counts.Rolling(CategoryGroup.Asb, HeatWindow.Day, Day1.AddHours(23).AddMinutes(30), null).Observed);
        Assert.Equal(0, counts.Rolling(CategoryGroup.Asb, HeatWindow.Day, Day1.AddHours(15), null).Observed);
        Assert.Equal(1, counts.Month(CategoryGroup.Asb, OccurredAt.Month(2026, 3).MonthIndex, null).Observed);
    }

    [Fact]
    public void Drills_add_to_what_is_observed_but_not_to_what_is_expected()
    {
        var reading = HeatReading.Of(2, 1.5, 4).WithDrills(3);

        Assert.Equal((5, 1.5, 3), (reading.Observed, reading.Expected, reading.Drills));
        Assert.Equal(HeatScore.FreemanTukey(5, 1.5), reading.Score, 12);
    }

    [Fact]
    public void Daily_and_hourly_series_put_each_incident_in_its_own_bucket_at_the_edges()
    {
        var counts = new AreaCounts();
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Exact(Day1.AddSeconds(-1)));
        counts.Record(Category.AntiSocialBehaviour, OccurredAt.Exact(Day1));
        counts.Record(Category.YouthNuisance, OccurredAt.Exact(Day1.AddHours(13).AddMinutes(59)));
        counts.Record(Category.FlyTipping, OccurredAt.Day(2026, 3, 10));
        counts.Record(Category.Burglary, OccurredAt.Exact(Day1.AddHours(13)));
        var days = new int[3];
        var hours = new int[15];

        counts.FillDays(CategoryGroup.Asb, Day1.AddHours(14), days);
        counts.FillHours(CategoryGroup.Asb, Day1.AddHours(14), hours);

        // 23:59:59 the day before counts there; midnight, 13:59 and the dated case count today (other groups never).
        // The hours run from midnight (the first) to the current 14:00 hour (the last).
        Assert.Equal([0, 1, 3], days);
        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0], hours);
    }
}
