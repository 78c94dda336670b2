using HotSpots.Domain.Evaluation;

namespace HotSpots.Domain.Tests.Evaluation;

public class DosageTests
{
    private static readonly DateOnly Monday = new(2026, 6, 1);

    private static PatrolVisit Visit(int day, int startHour, int minutes, int officers = 2) => new(
        "z", new DateTimeOffset(Monday.AddDays(day).ToDateTime(new TimeOnly(startHour, 0)), TimeSpan.Zero),
        new DateTimeOffset(Monday.AddDays(day).ToDateTime(new TimeOnly(startHour, 0)), TimeSpan.Zero).AddMinutes(minutes), officers, "gps", $"{day}-{startHour}");

    [Fact]
    public void Dosage_counts_officer_hours_per_week_and_the_share_of_days_with_a_fifteen_minute_visit()
    {
        var period = new EvaluationPeriod("during", [DayRange.Dates(Monday, Monday.AddDays(13))]);
        // Day 0: 30 min x 2 officers; day 1: 10 min (too short to dose); day 3: two visits; one visit outside the period.
        PatrolVisit[] visits = [Visit(0, 18, 30), Visit(1, 18, 10), Visit(3, 9, 15, 1), Visit(3, 20, 60, 3), Visit(20, 18, 60)];
        var daily = new int[14];
        daily[0] = 1; daily[2] = 4; daily[3] = 1; daily[5] = 2;

        var dosage = Dosage.Of(period, visits, daily, periodCount: 10);

        Assert.Equal(4, dosage.Visits);
        Assert.Equal(1 + 20 / 60.0 + 0.25 + 3, dosage.PatrolHours, 10);
        Assert.Equal(0.5 + 10 / 60.0 + 0.25 + 1, dosage.PresenceHours, 10);
        Assert.Equal(dosage.PatrolHours / 2, dosage.PatrolHoursPerWeek, 10);
        Assert.Equal(10 / dosage.PatrolHours, dosage.IncidentsPerPatrolHour!.Value, 10);
        Assert.Equal(2, dosage.DosedDays);
        Assert.Equal(2 / 14.0, dosage.ShareOfDaysDosed, 10);

        var response = dosage.DoseResponse!;
        Assert.Equal((2, 2, 12, 6), (response.PatrolDays, response.PatrolDayIncidents, response.OtherDays, response.OtherDayIncidents));
        Assert.Equal(1.0 / (6 / 12.0), response.RateRatio!.Value, 10);
        // Two of the ten are known only to the month: no day to put them on.
        Assert.Equal(2, dosage.UndatedIncidents);
    }

    [Fact]
    public void Monthly_data_gives_no_dose_response_view()
    {
        var period = new EvaluationPeriod("during", [DayRange.Month(2018 * 12 + 2)]);

        var dosage = Dosage.Of(period, [], new int[31], periodCount: 40);

        Assert.Null(dosage.DoseResponse);
        Assert.Null(dosage.IncidentsPerPatrolHour);
        Assert.Equal(40, dosage.UndatedIncidents);
    }
}
