using HotSpots.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace HotSpots.Host.Tests.Live;

public sealed class HeatHubTests : ServerTests
{
    [Fact]
    public async Task A_subscriber_gets_a_snapshot_then_HeatChanged_naming_Grays_Riverside_when_an_incident_is_posted_near_Grays_station()
    {
        await using var client = await HeatClient.ConnectAsync(Server.BaseAddress, HotSpotsServer.ViewerKey);
        var snapshot = await client.SubscribeAsync("wards", "asb", "24h");
        Assert.Equal(20, snapshot.Areas.Count);
        Assert.All(snapshot.Areas, a => Assert.Equal(0, a.Observed));

        await Server.PostAsync(HotSpotsServer.Incident("live-1", lat: 51.4757, lon: 0.3217));

        var update = await client.WaitForAsync(u => u.Areas.Any(a => a.Code == "E05002235"), TimeSpan.FromSeconds(5));
        var grays = Assert.Single(update.Areas);
        Assert.Equal(("E05002235", "Grays Riverside", 1), (grays.Code, grays.Name, grays.Observed));
        Assert.Equal(("wards", "asb", "24h"), (update.Set, update.Group, update.Window));
    }

    [Fact]
    public async Task Updates_go_only_to_subscribers_of_the_affected_set_and_group()
    {
        await using var fires = await HeatClient.ConnectAsync(Server.BaseAddress, HotSpotsServer.ViewerKey);
        await using var zones = await HeatClient.ConnectAsync(Server.BaseAddress, HotSpotsServer.ViewerKey);
        await fires.SubscribeAsync("wards", "deliberate-fires", "24h");
        await zones.SubscribeAsync("zones", "all", "7d");

        await Server.PostAsync(HotSpotsServer.Incident("z-1", category: "violent-crime"));

        var zoneUpdate = await zones.WaitForAsync(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal("op-grip-grays", Assert.Single(zoneUpdate.Areas).Code);
        await Server.PostAsync(HotSpotsServer.Incident("f-1", category: "deliberate-secondary-fire"));
        var fireUpdate = await fires.WaitForAsync(_ => true, TimeSpan.FromSeconds(5));
        Assert.Equal(1, Assert.Single(fireUpdate.Areas).Observed);
    }

    [Fact]
    public async Task The_hub_refuses_connections_without_a_viewer_key()
    {
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var client = await HeatClient.ConnectAsync(Server.BaseAddress, "not-a-key");
        });
    }

    [Fact]
    public async Task An_invalid_subscription_is_refused_with_the_reason()
    {
        await using var client = await HeatClient.ConnectAsync(Server.BaseAddress, HotSpotsServer.ViewerKey);

        var ex = await Assert.ThrowsAsync<HubException>(() => client.SubscribeAsync("wards", "asb", "fortnight"));
        Assert.Contains("fortnight", ex.Message);
    }
}
