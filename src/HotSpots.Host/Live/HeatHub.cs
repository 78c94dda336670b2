using HotSpots.Application.Drills;
using HotSpots.Application.Monitoring;
using HotSpots.Application.Telemetry;
using HotSpots.Host.Alerts;
using HotSpots.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace HotSpots.Host.Live;

/// <summary>What the server pushes to dashboards.</summary>
public interface IDashboardClient
{
    /// <summary>Areas whose heat changed for a subscribed set, group and window; absolute values, only changed areas.</summary>
    Task HeatChanged(HeatSnapshot update);

    /// <summary>A drill was injected: its scenario, area and window, so every screen can show it as a drill.</summary>
    Task DrillRecorded(DrillRun drill);

    Task AlertRaised(AlertView alert);

    Task AlertUpdated(AlertView alert);

    Task AlertResolved(AlertView alert);

    /// <summary>Zones, ward sets or operations changed and history has been re-assigned: boundaries and figures should be read again.</summary>
    Task GeographyChanged(GeographyChange change);
}

/// <summary>The geography revision now applied, and the current ward set.</summary>
public sealed record GeographyChange(long Revision, string WardSet);

/// <summary>What a dashboard asks for: the API's set, group and window (and month for the month window).</summary>
public sealed record HeatSubscription(string? Set, string? Group, string? Window, string? Month);

[Authorize(Policy = SecurityExtensions.ViewerPolicy)]
public sealed class HeatHub(HeatService heat, HeatSubscriptions subscriptions, TimeProvider time, HotSpotsMetrics metrics) : Hub<IDashboardClient>
{
    /// <summary>Joins the selection's group first, then returns the snapshot, so no change can fall between the two.</summary>
    public async Task<HeatSnapshot> Subscribe(HeatSubscription subscription)
    {
        var selection = HeatSelection.TryParse(subscription.Set, subscription.Group, subscription.Window, subscription.Month, time.GetUtcNow(), out var error)
            ?? throw new HubException(error);
        var group = subscriptions.Add(Context.ConnectionId, selection);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        var snapshot = await heat.GetAsync(selection);
        subscriptions.Seed(group, snapshot.Areas);
        return snapshot;
    }

    public async Task Unsubscribe(HeatSubscription subscription)
    {
        var selection = HeatSelection.TryParse(subscription.Set, subscription.Group, subscription.Window, subscription.Month, time.GetUtcNow(), out var error)
            ?? throw new HubException(error);
        var group = subscriptions.Remove(Context.ConnectionId, selection);
        if (group is not null) await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
    }

    public override Task OnConnectedAsync()
    {
        metrics.ClientConnected();
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.ClientDisconnected();
        subscriptions.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
