using HotSpots.Application.Alerts;
using HotSpots.Domain.Alerts;
using HotSpots.Host.Live;
using Microsoft.AspNetCore.SignalR;

namespace HotSpots.Host.Alerts;

/// <summary>Sends every alert change to every connected dashboard (all of them are at least viewers).</summary>
public sealed class HubAlertPublisher(IHubContext<HeatHub, IDashboardClient> hub) : IAlertObserver
{
    public Task AlertChangedAsync(AlertChange change, CancellationToken cancellationToken)
    {
        var view = AlertView.Of(change.Alert);
        return change.Kind switch
        {
            AlertChangeKind.Raised => hub.Clients.All.AlertRaised(view),
            AlertChangeKind.Updated => hub.Clients.All.AlertUpdated(view),
            _ => hub.Clients.All.AlertResolved(view),
        };
    }
}
