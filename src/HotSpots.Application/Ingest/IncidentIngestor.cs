using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Store;

namespace HotSpots.Application.Ingest;

/// <summary>
/// The live way in: validate each item, convert grid references, place it in a ward, append the valid ones in one
/// durable batch, then wake the tailer. Only after the append returns is anything acknowledged.
/// </summary>
public sealed class IncidentIngestor(IIncidentStore store, GeographyModel geography, IncidentLogSignal signal, TimeProvider time)
{
    public async Task<IReadOnlyList<IngestItemResult>> IngestAsync(IReadOnlyList<IncidentSubmission?> items, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var results = new IngestItemResult[items.Count];
        var valid = new List<(int Index, Incident Incident, Placement Placement)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var prepared = Prepare(items[i], now, out var reason);
            if (prepared is { } p) valid.Add((i, p.Incident, p.Placement));
            else results[i] = IngestItemResult.Rejected(i, reason!);
        }

        var (outcomes, appended) = await store.AppendAsync([.. valid.Select(v => v.Incident)], cancellationToken);
        for (var k = 0; k < valid.Count; k++)
        {
            var (index, _, placement) = valid[k];
            var status = outcomes[k] == AppendOutcome.Appended ? IngestStatus.Accepted : IngestStatus.Duplicate;
            results[index] = new IngestItemResult(index, status, null, placement.Ward!.Code, [.. placement.Zones.Select(z => z.Code)]);
        }
        signal.Notify(appended);
        return results;
    }

    private (Incident Incident, Placement Placement)? Prepare(IncidentSubmission? item, DateTimeOffset now, out string? reason)
    {
        if (item is null)
        {
            reason = "item is not an incident object";
            return null;
        }
        reason = IncidentRules.CheckSource(item.Source) ?? IncidentRules.CheckSourceId(item.SourceId) ?? IncidentRules.CheckLocationText(item.LocationText);
        if (reason is not null) return null;
        if (!Categories.TryParse(item.Category, out var category))
        {
            reason = item.Category is null ? "category is required" : $"unknown category '{item.Category}'";
            return null;
        }
        if (!OccurredAt.TryParse(item.OccurredAt, out var occurredAt, out reason)) return null;
        if ((reason = IncidentRules.CheckNotFuture(occurredAt, now)) is not null) return null;
        if (!TryLocation(item, out var latitude, out var longitude, out reason)) return null;

        var placement = geography.Locate(latitude, longitude);
        if (placement.Ward is null)
        {
            reason = $"location {latitude:0.#####}, {longitude:0.#####} is outside every ward of the configured area";
            return null;
        }
        var incident = new Incident(item.Source!, item.SourceId!, category, occurredAt, latitude, longitude,
            string.IsNullOrWhiteSpace(item.LocationText) ? null : item.LocationText.Trim());
        return (incident, placement);
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
