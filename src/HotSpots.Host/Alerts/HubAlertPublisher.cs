using HotSpots.Application.Monitoring;
using HotSpots.Domain.Alerts;
using HotSpots.Host.Live;
using HotSpots.Store;
using Microsoft.AspNetCore.SignalR;

namespace HotSpots.Host.Alerts;

/// <summary>
/// Sends every alert change the cluster's desk announces to this node's dashboards (all of them are at least viewers).
/// The announcement names the alert; it is read from the store, where the desk put it before announcing.
/// </summary>
internal sealed class HubAlertPublisher(LiveEvents events, IAlertStore store, IHubContext<HeatHub, IDashboardClient> hub, ILogger<HubAlertPublisher> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        events.AlertMoved += OnAlertMoved;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        events.AlertMoved -= OnAlertMoved;
        return Task.CompletedTask;
    }

    private async void OnAlertMoved(string id, AlertChangeKind kind)
    {
        try
        {
            if (await store.GetAsync(id) is not { } alert) return;
            var view = AlertView.Of(alert);
            await (kind switch
            {
                AlertChangeKind.Raised => hub.Clients.All.AlertRaised(view),
                AlertChangeKind.Updated => hub.Clients.All.AlertUpdated(view),
                _ => hub.Clients.All.AlertResolved(view),
            });
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Alert {Alert} could not be sent to this node's dashboards", id);
        }
    }
}
