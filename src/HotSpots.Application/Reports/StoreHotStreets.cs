using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Store;

namespace HotSpots.Application.Reports;

/// <summary>
/// Repeat locations read from the store's incidents, tallied as the area grains tally theirs (<see cref="LocationTally"/>:
/// published location descriptions with two or more incidents), so the pack gives the same streets with or without a
/// running server. Drills and replays never count.
/// </summary>
public sealed class StoreHotStreets(IIncidentStore incidents) : IHotStreets
{
    public const int PerWard = 5;

    public string Description =>
        $"Repeat locations: up to {PerWard} locations per ward with two or more recorded incidents in the period (its last {LocationTally.MonthsHeld} months when longer), as the source describes them.";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<LocationCount>>> RepeatLocationsAsync(
        AreaSet wards, IReadOnlyList<string> wardCodes, int firstMonth, int lastMonth, CancellationToken cancellationToken = default)
    {
        var tallies = wardCodes.ToDictionary(c => c, _ => new LocationTally(), StringComparer.Ordinal);
        var from = IncidentStoreExtensions.MonthStart(Math.Max(firstMonth, lastMonth - LocationTally.MonthsHeld + 1));
        await foreach (var incident in incidents.ReadIncidentsAsync(from, IncidentStoreExtensions.MonthStart(lastMonth + 1), cancellationToken))
        {
            if (incident.Origin != IncidentOrigin.Recorded) continue;
            if (wards.Index.FindOne(incident.Longitude, incident.Latitude) is { } ward && tallies.TryGetValue(ward.Code, out var tally))
                tally.Record(incident.Category, incident.LocationText, incident.OccurredAt.MonthIndex);
        }
        return tallies.ToDictionary(t => t.Key, t => t.Value.Top(CategoryGroup.All, lastMonth, PerWard), StringComparer.Ordinal);
    }
}
