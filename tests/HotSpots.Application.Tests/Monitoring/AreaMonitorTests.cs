using HotSpots.Application.Monitoring;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Testing;

namespace HotSpots.Application.Tests.Monitoring;

public class AreaMonitorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 59, 59, TimeSpan.Zero);

    [Fact]
    public async Task An_incident_leaves_the_24h_window_exactly_when_the_clock_reaches_its_hour_a_day_later()
    {
        var time = new FakeTimeProvider(Start);
        var monitor = new AreaMonitor(new AreaKey(AreaSetKind.Wards, "E05002235"), time);
        await monitor.RecordAsync([new CountedIncident(Category.AntiSocialBehaviour, OccurredAt.Exact(Start))]);
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
        var time = new FakeTimeProvider(Start);
        var monitor = new AreaMonitor(new AreaKey(AreaSetKind.Zones, "op-grip-grays"), time);
        await monitor.RecordAsync([new CountedIncident(Category.ViolentCrime, OccurredAt.Exact(Start.AddMinutes(-59)))]);
        var query = new HeatQuery(CategoryGroup.Violence, HeatWindow.Week, 0, new Coverage(null, null));

        time.Advance(TimeSpan.FromHours(167));
        Assert.Equal(1, (await monitor.GetHeatAsync(query)).Observed);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await monitor.GetHeatAsync(query)).Observed);
    }
}
