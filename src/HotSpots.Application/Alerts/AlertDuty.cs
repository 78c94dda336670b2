using HotSpots.Application.Monitoring;
using HotSpots.Store;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Alerts;

/// <summary>
/// What the cluster's alert desk needs from the node it runs on: a fresh engine each time it starts there (so a desk
/// that moved away and back rebuilds from the store rather than trusting what it knew before), and this node's live
/// events and log position to run it on.
/// </summary>
public sealed class AlertDuty(
    MonitorDirectory monitors, IAlertStore store, IOptions<AlertOptions> options, TimeProvider time, IEnumerable<IAlertObserver> observers,
    LiveEvents events, IncidentLogTailer tailer)
{
    public AlertEngine Create() => new(monitors, store, options.Value, time, observers);

    public Task RunAsync(AlertEngine engine, CancellationToken cancellationToken) => engine.RunAsync(events, tailer, cancellationToken);
}
