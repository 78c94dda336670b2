using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;

namespace HotSpots.Grains.Tests;

public class AreaGrainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 59, 59, TimeSpan.Zero);

    [Fact]
    public async Task An_incident_leaves_the_24h_window_exactly_when_the_clock_reaches_its_hour_a_day_later()
    {
        await using var rig = await GrainRig.StartAsync(Start);
        var time = rig.Time;
        var area = new AreaKey(AreaSetKind.Wards, "E05002235");
        var monitor = rig.Grains.GetGrain<IAreaGrain>(AreaSets.GrainKey(area, "demo", "test"));
        await monitor.ApplyAsync(new AreaBatch(area, 0, 1, [new CountedIncident(1, Category.AntiSocialBehaviour, OccurredAt.Exact(Start))]));
        var query = new HeatQuery(CategoryGroup.Asb, HeatWindow.Day, 0, new Coverage(null, null));

        Assert.Equal(1, (await monitor.GetHeatAsync(query)).Observed);
        time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(1, (await monitor.GetHeatAsync(query)).Observed);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await monitor.GetHeatAsync(query)).Observed);
    }

    [Fact]
    public async Task The_7d_window_keeps_an_incident_for_168_clock_hours()
    {
        await using var rig = await GrainRig.StartAsync(Start);
        var time = rig.Time;
        var area = new AreaKey(AreaSetKind.Zones, "op-grip-grays");
        var monitor = rig.Grains.GetGrain<IAreaGrain>(AreaSets.GrainKey(area, "demo", "test"));
        await monitor.ApplyAsync(new AreaBatch(area, 0, 1, [new CountedIncident(1, Category.ViolentCrime, OccurredAt.Exact(Start.AddMinutes(-59)))]));
        var query = new HeatQuery(CategoryGroup.Violence, HeatWindow.Week, 0, new Coverage(null, null));

        time.Advance(TimeSpan.FromHours(167));
        Assert.Equal(1, (await monitor.GetHeatAsync(query)).Observed);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await monitor.GetHeatAsync(query)).Observed);
    }

    [Fact]
    public async Task Heat_as_it_stood_seven_days_ago_has_the_28d_window_its_whole_baseline()
    {
        await using var rig = await GrainRig.StartAsync(Start);
        var time = rig.Time;
        var area = new AreaKey(AreaSetKind.Wards, "E05002235");
        var monitor = rig.Grains.GetGrain<IAreaGrain>(AreaSets.GrainKey(area, "demo", "test"));
        var asOf = Start.AddHours(-HeatWindow.LookBackHours);
        // One incident a day for the 28-day window and the three 28-day periods of its baseline, all before asOf.
        var incidents = Enumerable.Range(1, 28 * 4).Select(d => new CountedIncident(d, Category.YouthNuisance, OccurredAt.Exact(asOf.AddDays(-d).AddMinutes(30)))).ToArray();
        await monitor.ApplyAsync(new AreaBatch(area, 0, incidents.Length, incidents));
        var query = new HeatQuery(CategoryGroup.Asb, HeatWindow.FourWeeks, 0, new Coverage(asOf.AddDays(-28 * 4 - 1), null), At: asOf);

        var reading = await monitor.GetHeatAsync(query);

        Assert.Equal(28, reading.Observed);
        Assert.Equal(3, reading.BaselinePeriods);
        Assert.Equal(28, reading.Expected, 6);
    }

    [Fact]
    public async Task A_profile_gives_each_category_daily_and_monthly_counts_and_repeat_locations_without_drills()
    {
        await using var rig = await GrainRig.StartAsync(Start);
        var time = rig.Time;
        var area = new AreaKey(AreaSetKind.Wards, "E05002235");
        var monitor = rig.Grains.GetGrain<IAreaGrain>(AreaSets.GrainKey(area, "demo", "test"));
        await monitor.ApplyAsync(new AreaBatch(area, 0, 9, GrainRig.Numbered(1,
        [
            new CountedIncident(0, Category.YouthNuisance, OccurredAt.Exact(Start.AddHours(-2)), Location: "On or near Station Approach"),
            new CountedIncident(0, Category.YouthNuisance, OccurredAt.Exact(Start.AddDays(-3)), Location: "On or near Station Approach"),
            new CountedIncident(0, Category.FlyTipping, OccurredAt.Exact(Start.AddDays(-3)), Location: "On or near Station Approach"),
            new CountedIncident(0, Category.FlyTipping, OccurredAt.Month(2026, 2), Location: "On or near Orsett Road"),
            new CountedIncident(0, Category.FlyTipping, OccurredAt.Month(2026, 2), Location: "On or near Orsett Road"),
            new CountedIncident(0, Category.Burglary, OccurredAt.Exact(Start.AddHours(-1)), Location: "On or near Orsett Road"),
            new CountedIncident(0, Category.AntiSocialBehaviour, OccurredAt.Exact(Start.AddHours(-1)), Location: "On or near Park Lane"),
            new CountedIncident(0, Category.YouthNuisance, OccurredAt.Exact(Start.AddHours(-1)), IncidentOrigin.Drill, "DRILL Station Approach"),
            new CountedIncident(0, Category.YouthNuisance, OccurredAt.Exact(Start.AddHours(-1)), IncidentOrigin.Drill, "DRILL Station Approach"),
        ])));
        var query = new HeatQuery(CategoryGroup.Asb, HeatWindow.Week, 0, new Coverage(null, null));

        var profile = await monitor.GetProfileAsync(query);

        Assert.Equal(
            [(Category.AntiSocialBehaviour, 1), (Category.Burglary, 1), (Category.FlyTipping, 1), (Category.YouthNuisance, 2)],
            profile.Categories.Select(c => (c.Category, c.Reading.Observed)).OrderBy(c => c.Category.ToString()));
        Assert.Equal(28, profile.Daily.Length);
        Assert.Equal(2, profile.Daily[^1]);
        Assert.Equal(2, profile.Daily[^4]);
        Assert.Equal(4, profile.Daily.Sum());
        Assert.Equal(12, profile.Monthly.Length);
        Assert.Equal(4, profile.Monthly[^1]);
        Assert.Equal(2, profile.Monthly[^10]);
        Assert.Equal(
            [new LocationCount("On or near Station Approach", 3), new LocationCount("On or near Orsett Road", 2)],
            profile.RepeatLocations);
    }
}
