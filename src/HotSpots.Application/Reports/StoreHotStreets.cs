using HotSpots.Domain.Grid;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Store;

namespace HotSpots.Application.Reports;

/// <summary>
/// The pack's hot streets, by the drill-down's <see cref="HotStreetRule"/> but over the pack's own period: every
/// recorded incident of the period in the ward set's grid of 250 m cells, Gi* over the whole grid, then the repeat
/// locations inside the hot cells whose centres lie in the locality's wards. Drawn from the store, not the cell tiles,
/// because a pack covers any run of months (the tiles answer one window or month) and the tool draws packs without a
/// server. Drills and replays never count.
/// </summary>
public sealed class StoreHotStreets(IIncidentStore incidents) : IHotStreets
{
    public const int PerWard = 5;

    public string Description =>
        $"Hot streets: up to {PerWard} locations per ward with {HotStreetRule.LeastCount} or more recorded incidents in the period inside one {CellSize.DefaultMetres} m cell " +
        $"that Getis–Ord Gi* finds hot at {HotStreetRule.LeastConfidence}% confidence or more over the whole ward set's grid, as the source describes them " +
        "(a description such as \"On or near Petrol Station\" can name places in two cells, and is then listed for each).";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<LocationCount>>> HotStreetsAsync(
        AreaSet wards, IReadOnlyList<string> wardCodes, int firstMonth, int lastMonth, CancellationToken cancellationToken = default)
    {
        var size = CellSize.Default;
        var grid = new CellGrid(size, GridCoverage.Cells(wards, size));
        var counts = new Dictionary<(GridCell Cell, string Location), int>();
        await foreach (var incident in incidents.ReadIncidentsAsync(IncidentStoreExtensions.MonthStart(firstMonth), IncidentStoreExtensions.MonthStart(lastMonth + 1), cancellationToken))
        {
            if (incident.Origin != IncidentOrigin.Recorded) continue;
            var cell = GridCoverage.CellOf(size, incident.Latitude, incident.Longitude);
            if (!grid.Add(cell) || string.IsNullOrWhiteSpace(incident.LocationText)) continue;
            var key = (cell, incident.LocationText);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        var wanted = wardCodes.ToHashSet(StringComparer.Ordinal);
        var scores = grid.ScoreAll();
        var hotWard = new Dictionary<GridCell, string>();
        for (var i = 0; i < grid.Cells.Count; i++)
        {
            if (!HotStreetRule.IsHot(scores.Cells[i])) continue;
            var (easting, northing) = size.CentreOf(grid.Cells[i]);
            var (latitude, longitude) = BritishNationalGrid.ToWgs84(easting, northing);
            if (wards.Index.FindOne(longitude, latitude) is { } ward && wanted.Contains(ward.Code)) hotWard[grid.Cells[i]] = ward.Code;
        }
        return wardCodes.ToDictionary(code => code, code => (IReadOnlyList<LocationCount>)
            [.. HotStreetRule.Rank(counts.Where(c => hotWard.GetValueOrDefault(c.Key.Cell) == code), PerWard).Select(s => new LocationCount(s.Location, s.Count))],
            StringComparer.Ordinal);
    }
}
