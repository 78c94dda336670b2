using HotSpots.Domain.Grid;
using HotSpots.Geography;
using HotSpots.Grains;

namespace HotSpots.Application.Monitoring;

/// <summary>
/// Hot streets of some wards: the heat selection's group and window (<c>Heat.Set</c> is the wards), the ward codes,
/// and the cell size of the grid whose hot cells are searched.
/// </summary>
public sealed record HotStreetsSelection(HeatSelection Heat, IReadOnlyList<string> Wards, CellSize Size);

/// <summary>
/// A repeat location inside a hot cell: the published description, how many incidents had it in that cell, the cell
/// (south-west corner, BNG metres), its Gi* bin and the ward the cell's centre lies in.
/// </summary>
public sealed record HotStreet(string Location, int Count, string Ward, double Easting, double Northing, int Bin);

/// <summary>The hot streets, most incidents first; <paramref name="HotCells"/> is how many of the wards' cells were hot.</summary>
public sealed record HotStreetsReading(HotStreetsSelection Selection, int HotCells, IReadOnlyList<HotStreet> Streets);

/// <summary>
/// The top micro-places of wards for the drill-down, by <see cref="HotStreetRule"/>: the repeat locations inside the
/// wards' cells that Gi* finds hot. A cell is a ward's when its centre lies in the ward, as the grid assigns it; the incidents
/// counted are those in the cell, in the grid's group and window. Only the published description is read: the tiles
/// keep no personal data.
/// </summary>
public sealed class HotStreetsService(GridService grid, MonitorDirectory monitors, TimeProvider time)
{
    /// <summary>How many streets a list holds at most, as an area's repeat locations.</summary>
    public const int Listed = 10;

    /// <summary>The codes among <paramref name="wards"/> that are not wards of the current set.</summary>
    public IReadOnlyList<string> Unknown(IEnumerable<string> wards) =>
        [.. wards.Where(code => !monitors.Geography.Wards.ByCode.ContainsKey(code))];

    public async Task<HotStreetsReading> GetAsync(HotStreetsSelection selection, CancellationToken cancellationToken = default)
    {
        if (Unknown(selection.Wards) is { Count: > 0 } unknown) throw new ArgumentException($"not wards of the current set: {string.Join(", ", unknown)}", nameof(selection));
        // One instant for the grid and the tiles' location counts, so both read the same window.
        var heat = selection.Heat with { Set = AreaSetKind.Wards, At = selection.Heat.At ?? time.GetUtcNow() };
        var reading = await grid.GetAsync(new GridSelection(heat, selection.Size, FalseDiscoveryRate: false, Harm: null), cancellationToken);

        var wards = monitors.Geography.Wards;
        var wanted = selection.Wards.ToHashSet(StringComparer.Ordinal);
        var hot = new Dictionary<GridCell, (string Ward, GridCellReading Reading)>();
        foreach (var cell in reading.Cells)
        {
            if (!HotStreetRule.IsHot(cell.Score)) continue;
            var (easting, northing) = selection.Size.CentreOf(cell.Cell);
            var (latitude, longitude) = BritishNationalGrid.ToWgs84(easting, northing);
            if (wards.Index.FindOne(longitude, latitude) is { } ward && wanted.Contains(ward.Code)) hot[cell.Cell] = (ward.Code, cell);
        }
        if (hot.Count == 0) return new HotStreetsReading(selection, 0, []);

        var query = new CellSumQuery(selection.Size.Metres, heat.Group, heat.Window, heat.MonthIndex, heat.At!.Value);
        var byTile = hot.Keys.SelectMany(cell => CellTiles.Covering(selection.Size, cell).Select(tile => (tile, cell))).GroupBy(p => p.tile, p => p.cell);
        var answers = await Task.WhenAll(byTile.Select(tile => monitors.Grains.GetGrain<ICellTileGrain>(tile.Key)
            .GetLocationsAsync(new CellLocationQuery(query, [.. tile.Select(c => c.Column)], [.. tile.Select(c => c.Row)])))).WaitAsync(cancellationToken);

        // A cell of a size that does not divide a tile has incidents in more than one tile: add them up.
        var counts = new Dictionary<(GridCell Cell, string Location), int>();
        foreach (var answer in answers)
        {
            for (var k = 0; k < answer.Counts.Length; k++)
            {
                var key = (new GridCell(answer.Columns[k], answer.Rows[k]), answer.Locations[k]);
                counts[key] = counts.GetValueOrDefault(key) + answer.Counts[k];
            }
        }
        var streets = HotStreetRule.Rank(counts, Listed)
            .Select(street =>
            {
                var (ward, cell) = hot[street.Cell];
                return new HotStreet(street.Location, street.Count, ward, cell.Easting, cell.Northing, cell.Score.Bin);
            })
            .ToList();
        return new HotStreetsReading(selection, hot.Count, streets);
    }
}
