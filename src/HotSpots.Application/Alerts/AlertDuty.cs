using HotSpots.Application.Monitoring;

namespace HotSpots.Application.Alerts;

/// <summary>
/// What the cluster's alert desk needs from the node it runs on: a fresh engine each time it starts there (so a desk
/// that moved away and back rebuilds from the store rather than trusting what it knew before), and this node's live
/// events and log position to run it on.
/// </summary>
public sealed class AlertDuty(Func<AlertEngine> create, LiveEvents events, IncidentLogTailer tailer)
{
    public AlertEngine Create() => create();

    public Task RunAsync(AlertEngine engine, CancellationToken cancellationToken) => engine.RunAsync(events, tailer, cancellationToken);
}
