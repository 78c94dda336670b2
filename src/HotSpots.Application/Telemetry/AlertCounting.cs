using HotSpots.Application.Alerts;
using HotSpots.Domain.Alerts;
using HotSpots.Domain.Incidents;

namespace HotSpots.Application.Telemetry;

/// <summary>Counts the alerts the desk raises; it runs on one node at a time, so each is counted once in the cluster.</summary>
public sealed class AlertCounting(HotSpotsMetrics metrics) : IAlertObserver
{
    public Task AlertChangedAsync(AlertChange change, CancellationToken cancellationToken)
    {
        if (change.Kind == AlertChangeKind.Raised)
        {
            var alert = change.Alert;
            metrics.AlertRaised(alert.Group, alert.Severity.ToString().ToLowerInvariant(), alert.Origin == IncidentOrigin.Drill ? "drill" : "recorded");
        }
        return Task.CompletedTask;
    }
}
