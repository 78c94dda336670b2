using HotSpots.Application.Evaluation;
using HotSpots.Application.Tests.Areas;
using HotSpots.Domain.Evaluation;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;

namespace HotSpots.Application.Tests.Evaluation;

public class EvaluationServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly BeforeStart = new(2026, 3, 1), DuringStart = new(2026, 4, 1);

    [Fact]
    public async Task An_operation_is_evaluated_from_zone_ring_and_control_counts_with_its_patrol_dosage()
    {
        await using var rig = await GeographyRig.StartAsync(Now);
        await rig.Operations.AddZoneVersionAsync("z", "Test zone", ZoneShape.OfCircle(51.50, 0.36, 300).Json, "api", false);
        await rig.Operations.PutOperationAsync(new Operation("op", "Op Test", OperationType.Dial, ["z"],
            [new ActivePeriod(DuringStart, DuringStart.AddDays(27))], ["asb"], FundedPatrolHours: 20));
        await rig.Watcher.RefreshAsync();

        var (e, n) = BritishNationalGrid.FromWgs84(51.50, 0.36);
        (double, double) Out(double metres) => BritishNationalGrid.ToWgs84(e, n + metres);
        (double, double)[] far = [(51.48, 0.28), (51.52, 0.42), (51.47, 0.33)];
        Assert.All(far, p => Assert.NotNull(rig.Monitors.Geography.Locate(p.Item1, p.Item2).Ward));
        async Task Spread(DateOnly start, int count, Func<int, (double, double)> where)
        {
            for (var i = 0; i < count; i++)
                await rig.RecordAsync(OccurredAt.Day(start.AddDays(i % 28).Year, start.AddDays(i % 28).Month, start.AddDays(i % 28).Day), where(i));
        }
        await Spread(BeforeStart, 30, _ => Out(100));     // R before
        await Spread(DuringStart, 12, i => Out(i % 2 * 250)); // R during
        await Spread(BeforeStart, 10, _ => Out(600));     // D before (ring: 500-700 m from the centre)
        await Spread(DuringStart, 14, _ => Out(650));     // D during
        await Spread(BeforeStart, 7, _ => Out(400));      // the band between zone and ring: neither D nor C
        await Spread(BeforeStart, 100, i => far[i % 3]);  // C before
        await Spread(DuringStart, 95, i => far[i % 3]);   // C during
        var visitStart = new DateTimeOffset(DuringStart.ToDateTime(new TimeOnly(19, 0)), TimeSpan.Zero);
        await rig.Operations.AppendPatrolsAsync([
            new PatrolVisit("z", visitStart, visitStart.AddMinutes(30), 2, "gps", "a"),
            new PatrolVisit("z", visitStart.AddDays(2), visitStart.AddDays(2).AddMinutes(10), 2, "gps", "b"),
            new PatrolVisit("z", visitStart.AddDays(3), visitStart.AddDays(3).AddHours(1), 1, "gps", "c")]);

        var periods = new EvaluationPeriods(
            new EvaluationPeriod("before", [DayRange.Dates(BeforeStart, BeforeStart.AddDays(27))]),
            new EvaluationPeriod("during", [DayRange.Dates(DuringStart, DuringStart.AddDays(27))]), null);
        var evaluation = await rig.Evaluations.EvaluateAsync("op", null, periods);

        var zone = Assert.Single(evaluation.Zones);
        var during = zone.During;
        Assert.Equal((30, 12), (during.Zone.Before, during.Zone.After));
        Assert.Equal((10, 14), (during.Buffer.Before, during.Buffer.After));
        Assert.Equal((100, 95), (during.Control.Before, during.Control.After));
        // The control is weighted to the zone's before level (30 of its 100) so that its change is not the zone's.
        Assert.Equal(30 / 100.0, during.ControlWeight, 10);
        Assert.Equal((12 - 30) - 0.3 * (95 - 100), during.Wdd.Value, 10);
        Assert.Equal(Math.Sqrt(30 + 12 + 0.09 * (100 + 95)), during.Wdd.StandardError, 10);
        Assert.Equal((14 / 95.0 - 10 / 100.0) / (12 / 95.0 - 30 / 100.0), during.Wdq!.Value!.Value, 10);
        Assert.Equal(WdqReading.DisplacementSmallerThanDirectEffect, during.Wdq.Reading);
        Assert.Equal("asb", evaluation.Group);

        var dosage = zone.Dosage!;
        Assert.Equal(3, dosage.Visits);
        Assert.Equal(1 + 20 / 60.0 + 1, dosage.PatrolHours, 10);
        Assert.Equal(2, dosage.DosedDays);
        // Day 0 and day 3 had a 15-minute dose; R during fell on days i % 28 for i < 12, one a day.
        Assert.Equal((2, 2, 26, 10), (dosage.DoseResponse!.PatrolDays, dosage.DoseResponse.PatrolDayIncidents, dosage.DoseResponse.OtherDays, dosage.DoseResponse.OtherDayIncidents));
        Assert.Equal(20, evaluation.FundedPatrolHours);
        Assert.Equal(dosage.PatrolHours, evaluation.DeliveredPatrolHours, 10);
        Assert.Equal(1, Assert.Single(evaluation.Ranking).Rank);
    }

    [Fact]
    public void Default_periods_come_from_the_active_periods_with_a_pause_and_an_equal_before()
    {
        var operation = new Operation("op", "Op", OperationType.Grip, ["z"],
            [new ActivePeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 10)), new ActivePeriod(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 5))], ["violence"]);

        var periods = EvaluationService.DefaultPeriods(operation, DayRange.DayOf(new DateOnly(2026, 4, 20)));

        Assert.Equal(15, periods.During.Days);
        Assert.Equal(2, periods.During.Ranges.Count);
        Assert.Equal("2026-02-14..2026-02-28", periods.Before.ToString());
        Assert.Equal("2026-04-06..2026-04-19", periods.After!.ToString());
        Assert.Null(EvaluationService.DefaultPeriods(operation with { ActivePeriods = [new ActivePeriod(new DateOnly(2026, 3, 1), null)] },
            DayRange.DayOf(new DateOnly(2026, 4, 20))).After);
    }

    [Fact]
    public async Task Unknown_operations_and_groups_are_refused_in_words()
    {
        await using var rig = await GeographyRig.StartAsync(Now);
        await rig.Operations.PutOperationAsync(new Operation("op", "Op", OperationType.Other, ["op-grip-grays"], [new ActivePeriod(new DateOnly(2026, 5, 1), null)], ["asb"]));
        await rig.Watcher.RefreshAsync();

        Assert.True((await Assert.ThrowsAsync<EvaluationException>(() => rig.Evaluations.EvaluateAsync("nope", null, null))).NotFound);
        Assert.Contains("'parking'", (await Assert.ThrowsAsync<EvaluationException>(() => rig.Evaluations.EvaluateAsync("op", "parking", null))).Message);
        var evaluation = await rig.Evaluations.EvaluateAsync("op", "asb", null);
        Assert.True(evaluation.Zones[0].During.NoData);
        Assert.Contains("so the period is not scored", evaluation.Zones[0].During.Reading);
    }
}
