using HotSpots.Application.Areas;
using HotSpots.Application.Telemetry;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Store;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Ingest;

/// <summary>
/// The live way in: validate each item, convert grid references, place it in a ward, append the valid ones in one
/// durable batch, then wake the tailer. Only after the append returns is anything acknowledged. A live store takes
/// recorded incidents (and drills, when <paramref name="origin"/> is given by the drill runner); a replay store takes
/// replayed ones only, so the two never mix.
/// </summary>
/// <para><paramref name="window"/> bounds the times accepted (default: from 2000, up to five minutes ahead).</para>
/// <para><paramref name="metrics"/> counts each item's outcome, when the host measures them.</para>
public sealed class IncidentIngestor(
    IIncidentStore store, ICurrentGeography geography, IncidentLogSignal signal, TimeProvider time, IOptions<IncidentWindowOptions>? window = null,
    HotSpotsMetrics? metrics = null)
{
    private readonly IncidentWindowOptions _window = window?.Value ?? new();

    public Task<IReadOnlyList<IngestItemResult>> IngestAsync(IReadOnlyList<IncidentSubmission?> items, CancellationToken cancellationToken = default) =>
        IngestAsync(items, null, cancellationToken);

    /// <summary>Ingests items; a given <paramref name="origin"/> overrides theirs (the drill runner's own way in).</summary>
    public async Task<IReadOnlyList<IngestItemResult>> IngestAsync(
        IReadOnlyList<IncidentSubmission?> items, IncidentOrigin? origin, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        using var span = HotSpotsMetrics.Tracing.StartActivity("hotspots.ingest");
        var results = new IngestItemResult[items.Count];
        var rejectReasons = new string?[items.Count];
        var valid = new List<(int Index, Incident Incident, Placement Placement)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var prepared = Prepare(items[i], origin, now, out var reason, out rejectReasons[i]);
            if (prepared is { } p) valid.Add((i, p.Incident, p.Placement));
            else results[i] = IngestItemResult.Rejected(i, reason!);
        }

        AppendResult appendedBatch;
        using (HotSpotsMetrics.Tracing.StartActivity("hotspots.store.append")?.SetTag("hotspots.incidents", valid.Count))
            appendedBatch = await store.AppendAsync([.. valid.Select(v => v.Incident)], cancellationToken);
        var (outcomes, appended) = appendedBatch;
        for (var k = 0; k < valid.Count; k++)
        {
            var (index, _, placement) = valid[k];
            var status = outcomes[k] == AppendOutcome.Appended ? IngestStatus.Accepted : IngestStatus.Duplicate;
            results[index] = new IngestItemResult(index, status, null, placement.Ward!.Code, [.. placement.Zones.Select(z => z.Code)]);
        }
        signal.Notify(appended);
        span?.SetTag("hotspots.items", items.Count).SetTag("hotspots.accepted", appended.Count);
        metrics?.Ingested(items, results, rejectReasons, started);
        return results;
    }

    private (Incident Incident, Placement Placement)? Prepare(IncidentSubmission? item, IncidentOrigin? given, DateTimeOffset now, out string? reason, out string? rejectReason)
    {
        rejectReason = RejectReason.Malformed;
        if (item is null)
        {
            reason = "item is not an incident object";
            return null;
        }
        rejectReason = RejectReason.Origin;
        if ((reason = OriginProblem(item, given, out var origin)) is not null) return null;
        rejectReason = RejectReason.Fields;
        var locationText = item.LocationText is null ? null : IncidentRules.WithoutDirectionControls(item.LocationText);
        reason = IncidentRules.CheckSource(item.Source) ?? IncidentRules.CheckSourceId(item.SourceId) ?? IncidentRules.CheckLocationText(locationText);
        if (reason is not null) return null;
        rejectReason = RejectReason.Category;
        if (!Categories.TryParse(item.Category, out var category))
        {
            reason = item.Category is null ? "category is required" : $"unknown category '{item.Category}'";
            return null;
        }
        rejectReason = RejectReason.Time;
        if (!OccurredAt.TryParse(item.OccurredAt, out var occurredAt, out reason)) return null;
        if ((reason = IncidentRules.CheckWithin(occurredAt, _window.Earliest, now + _window.MaxAhead)) is not null) return null;
        rejectReason = RejectReason.Location;
        if (!TryLocation(item, out var latitude, out var longitude, out reason)) return null;

        var placement = geography.Geography.Locate(latitude, longitude);
        if (placement.Ward is null)
        {
            rejectReason = RejectReason.OutsideArea;
            reason = $"location {latitude:0.#####}, {longitude:0.#####} is outside every ward of the configured area";
            return null;
        }
        var incident = new Incident(item.Source!, item.SourceId!, category, occurredAt, latitude, longitude,
            string.IsNullOrWhiteSpace(locationText) ? null : locationText.Trim(), origin);
        rejectReason = null;
        return (incident, placement);
    }

    private string? OriginProblem(IncidentSubmission item, IncidentOrigin? given, out IncidentOrigin origin)
    {
        if (given is { } trusted)
        {
            origin = trusted;
            return store.Purpose == StorePurpose.Replay ? "this server runs on a replay store; drills go to the live store" : null;
        }
        if (!IncidentOrigins.TryParse(item.Origin, out origin)) return $"origin '{item.Origin}' is not recorded, drill or replay";
        return (origin, store.Purpose) switch
        {
            (IncidentOrigin.Drill, _) => "drills are run by an administrator (POST /api/drills or hotspots drill), not posted as incidents",
            (IncidentOrigin.Replay, StorePurpose.Live) => "replayed incidents go to a replay store (hotspots replay), never the live one",
            (IncidentOrigin.Recorded, StorePurpose.Replay) => "this server runs on a replay store and takes replayed incidents only",
            _ => null,
        };
    }

    private static bool TryLocation(IncidentSubmission item, out double latitude, out double longitude, out string? reason)
    {
        latitude = longitude = 0;
        var hasWgs84 = item.Latitude is not null || item.Longitude is not null;
        var hasGrid = item.Easting is not null || item.Northing is not null;
        if (hasWgs84 == hasGrid)
        {
            reason = hasWgs84
                ? "give either latitude/longitude or easting/northing, not both"
                : "a location is required: latitude/longitude or easting/northing";
            return false;
        }
        if (hasWgs84)
        {
            if (item.Latitude is not { } lat || item.Longitude is not { } lon)
            {
                reason = "latitude and longitude must both be given";
                return false;
            }
            (latitude, longitude) = (lat, lon);
            reason = IncidentRules.CheckLatitudeLongitude(lat, lon);
            return reason is null;
        }
        if (item.Easting is not { } e || item.Northing is not { } n)
        {
            reason = "easting and northing must both be given";
            return false;
        }
        if ((reason = IncidentRules.CheckEastingNorthing(e, n)) is not null) return false;
        (latitude, longitude) = BritishNationalGrid.ToWgs84(e, n);
        return true;
    }
}
