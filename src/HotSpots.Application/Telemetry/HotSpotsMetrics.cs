using System.Diagnostics;
using System.Diagnostics.Metrics;
using HotSpots.Application.Ingest;
using HotSpots.Domain.Incidents;

namespace HotSpots.Application.Telemetry;

/// <summary>
/// HotSpots' own instruments, on the meter <see cref="MeterName"/>. Tags carry sources, reasons, groups and outcomes,
/// never an incident's location or id, nor a key.
/// </summary>
public sealed class HotSpotsMetrics
{
    public const string MeterName = "HotSpots";

    /// <summary>Spans that follow an incident from the API through the store and the grains to the push.</summary>
    public static readonly ActivitySource Tracing = new(MeterName);

    /// <summary>Seconds from a post to the push that shows it; a push every 50 ms puts most of them under 0.1 s.</summary>
    private static readonly double[] PushBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Seconds an import takes: a month of one force is seconds, years of several are minutes.</summary>
    private static readonly double[] ImportBuckets = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _postToPush;
    private readonly Counter<long> _pushes;
    private readonly UpDownCounter<long> _clients;
    private readonly Counter<long> _alertsRaised;
    private readonly Counter<long> _alertsAcknowledged;
    private readonly Counter<long> _webhooksDelivered;
    private readonly Counter<long> _webhooksDeadLettered;
    private readonly Counter<long> _importRows;
    private readonly Histogram<double> _importDuration;
    private readonly TimeProvider _time;
    private long _logBehind;
    private long _oldestUnpushed;

    public HotSpotsMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        _accepted = meter.CreateCounter<long>("hotspots.incidents.accepted", "{incident}", "Incidents stored, by source");
        _duplicates = meter.CreateCounter<long>("hotspots.incidents.duplicate", "{incident}", "Incidents already stored (same source and sourceId), by source");
        _rejected = meter.CreateCounter<long>("hotspots.incidents.rejected", "{incident}", "Incidents refused, by source and reason");
        meter.CreateObservableGauge("hotspots.log.behind", () => Volatile.Read(ref _logBehind), "{position}",
            "Log positions this node's reader is behind the end of the incident log, as last measured by the readiness check");
        _postToPush = meter.CreateHistogram("hotspots.live.post_to_push", "s", "From the oldest post not yet pushed to the push that follows it",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PushBuckets });
        _pushes = meter.CreateCounter<long>("hotspots.live.pushes", "{message}", "HeatChanged messages sent to dashboard groups");
        _clients = meter.CreateUpDownCounter<long>("hotspots.live.clients", "{connection}", "Dashboards connected to this node's hub");
        _alertsRaised = meter.CreateCounter<long>("hotspots.alerts.raised", "{alert}", "Alerts raised, by group, severity and origin");
        _alertsAcknowledged = meter.CreateCounter<long>("hotspots.alerts.acknowledged", "{alert}", "Alerts acknowledged by an analyst");
        _webhooksDelivered = meter.CreateCounter<long>("hotspots.webhooks.delivered", "{delivery}", "Webhook deliveries a receiver accepted");
        _webhooksDeadLettered = meter.CreateCounter<long>("hotspots.webhooks.dead_lettered", "{delivery}", "Webhook deliveries kept as dead letters");
        _importRows = meter.CreateCounter<long>("hotspots.import.rows", "{row}", "Rows an import has written, by format and outcome (imported, duplicate, refused)");
        _importDuration = meter.CreateHistogram("hotspots.import.duration", "s", "How long an import took from its first file opened to its last batch written, by format",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ImportBuckets });
    }

    /// <summary>
    /// One outcome per item (an item without a valid source counts under source <c>unknown</c>); <paramref name="started"/>
    /// is when the post arrived (a <see cref="TimeProvider.GetTimestamp"/>), the start of its post-to-push time.
    /// </summary>
    public void Ingested(IReadOnlyList<IncidentSubmission?> items, IReadOnlyList<IngestItemResult> results, IReadOnlyList<string?> reasons, long started)
    {
        var anyAccepted = false;
        for (var i = 0; i < results.Count; i++)
        {
            var source = new KeyValuePair<string, object?>("source", items[i]?.Source is { } s && IncidentRules.CheckSource(s) is null ? s : "unknown");
            switch (results[i].Status)
            {
                case IngestStatus.Accepted:
                    _accepted.Add(1, source);
                    anyAccepted = true;
                    break;
                case IngestStatus.Duplicate: _duplicates.Add(1, source); break;
                default: _rejected.Add(1, source, new("reason", reasons[i])); break;
            }
        }
        if (anyAccepted) Interlocked.CompareExchange(ref _oldestUnpushed, started, 0);
    }

    public void LogBehind(long positions) => Volatile.Write(ref _logBehind, positions);

    /// <summary>A round of pushes went out: the post waiting longest has now been shown.</summary>
    public void Pushed(int messages)
    {
        _pushes.Add(messages);
        if (Interlocked.Exchange(ref _oldestUnpushed, 0) is var since and not 0) _postToPush.Record(_time.GetElapsedTime(since).TotalSeconds);
    }

    /// <summary>A round found nothing any dashboard here watches: waiting posts will not be pushed from this node.</summary>
    public void NothingToPush() => Interlocked.Exchange(ref _oldestUnpushed, 0);

    public void ClientConnected() => _clients.Add(1);

    public void ClientDisconnected() => _clients.Add(-1);

    public void AlertRaised(string group, string severity, string origin) =>
        _alertsRaised.Add(1, new("group", group), new("severity", severity), new("origin", origin));

    /// <summary>Passes the desk's answer through, counting it when the alert was acknowledged.</summary>
    public bool AlertAcknowledged(bool acknowledged)
    {
        if (acknowledged) _alertsAcknowledged.Add(1);
        return acknowledged;
    }

    public void WebhookDelivered(string @event) => _webhooksDelivered.Add(1, new KeyValuePair<string, object?>("event", @event));

    /// <summary>One written batch of an import: a counter add per outcome, nothing per row.</summary>
    public void ImportWritten(string format, int imported, int duplicates, int refused)
    {
        var tag = new KeyValuePair<string, object?>("format", format);
        _importRows.Add(imported, tag, new("outcome", "imported"));
        if (duplicates > 0) _importRows.Add(duplicates, tag, new("outcome", "duplicate"));
        if (refused > 0) _importRows.Add(refused, tag, new("outcome", "refused"));
    }

    public void ImportFinished(string format, TimeSpan took) => _importDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("format", format));

    public void WebhookDeadLettered(string @event, string why) => _webhooksDeadLettered.Add(1, new("event", @event), new("why", why));
}

/// <summary>Why an item was refused, as the <c>reason</c> tag says it: a handful of values, not the sentence the caller gets.</summary>
public static class RejectReason
{
    public const string Malformed = "malformed";
    public const string Origin = "origin";
    public const string Fields = "fields";
    public const string Category = "category";
    public const string Time = "time";
    public const string Location = "location";
    public const string OutsideArea = "outside-area";
}
