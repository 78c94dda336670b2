using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using Orleans.Concurrency;

namespace HotSpots.Grains;

/// <summary>
/// The recorded incidents of one square tile of the British National Grid (<see cref="CellTiles.Metres"/> across), at
/// their points, for the grid's cell counts. Fed from the incident log with the area grains' exactly-once protocol:
/// each batch names the positions it covers and where the tile's previous batch ended; the grain skips what it holds
/// and answers "gap" when it holds less than that.
/// </summary>
public interface ICellTileGrain : IGrainWithStringKey
{
    Task<AreaApplied> ApplyAsync([Immutable] TileBatch batch);

    /// <summary>Writes a checkpoint as <see cref="IAreaGrain.CheckpointAsync"/> does.</summary>
    Task<AreaApplied> CheckpointAsync(long previous, long upTo);

    /// <summary>What the tile's written checkpoint covers, as <see cref="IAreaGrain.GetWrittenAsync"/> says.</summary>
    [ReadOnly]
    Task<AreaWritten> GetWrittenAsync(long previous);

    [ReadOnly]
    Task<long> GetThroughAsync();

    /// <summary>The tile's incidents of a group and window summed per cell of a size (cells of a size that does not divide the tile may run over its edge: the caller adds tiles up).</summary>
    [ReadOnly]
    Task<CellSums> GetSumsAsync([Immutable] CellSumQuery query);

    /// <summary>How many incidents of the group and window each published location description had in each of the cells asked about.</summary>
    [ReadOnly]
    Task<CellLocations> GetLocationsAsync([Immutable] CellLocationQuery query);
}

/// <summary>Tiles are fixed 10 km squares of the BNG, whatever the cell size asked for, so their grains never change.</summary>
public static class CellTiles
{
    public const int Metres = 10_000;

    public static (int Column, int Row) TileAt(double easting, double northing) =>
        ((int)Math.Floor(easting / Metres), (int)Math.Floor(northing / Metres));

    /// <summary>Starts with a word, as area grain keys do (storage providers have read hex-looking keys as numbers).</summary>
    public static string GrainKey(int column, int row) => $"tile:{column}/{row}";

    /// <summary>The tiles a cell lies in: one, or (for a size that does not divide a tile) up to four it reaches into.</summary>
    public static IEnumerable<string> Covering(Domain.Grid.CellSize size, Domain.Grid.GridCell cell)
    {
        var (west, south) = size.SouthWestOf(cell);
        var east = west + size.Metres - 1;
        var north = south + size.Metres - 1;
        return new[] { (west, south), (east, south), (west, north), (east, north) }
            .Select(corner => TileAt(corner.Item1, corner.Item2)).Distinct().Select(tile => GrainKey(tile.Column, tile.Row));
    }
}

/// <summary>A recorded incident at its BNG point (metres), with its published location description.</summary>
[GenerateSerializer, Immutable]
public readonly record struct CellIncident(
    [property: Id(0)] long Sequence,
    [property: Id(1)] Category Category,
    [property: Id(2)] OccurredAt OccurredAt,
    [property: Id(3)] double Easting,
    [property: Id(4)] double Northing,
    [property: Id(5)] string? Location = null);

/// <summary>A tile's incidents from the log positions after <paramref name="Previous"/> up to <paramref name="UpTo"/>, as <see cref="AreaBatch"/> says.</summary>
[GenerateSerializer, Immutable]
public sealed record TileBatch(
    [property: Id(0)] string Tile,
    [property: Id(1)] long Previous,
    [property: Id(2)] long UpTo,
    [property: Id(3)] CellIncident[] Incidents,
    [property: Id(4)] bool Handed = false);

/// <summary>
/// Which sums: cells of <paramref name="CellMetres"/>, a group, a window ending with the hour of <paramref name="At"/>
/// (or the month <paramref name="MonthIndex"/>), and harm weights per category (null: each incident counts 1).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CellSumQuery(
    [property: Id(0)] int CellMetres,
    [property: Id(1)] CategoryGroup Group,
    [property: Id(2)] HeatWindow Window,
    [property: Id(3)] int MonthIndex,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] double[]? Weights = null);

/// <summary>
/// Cells (column, row) with a sum above zero, in three parallel arrays. <paramref name="Version"/> is how many
/// incidents the tile holds: the tile's incidents only ever grow, so an equal version is an equal answer.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CellSums(
    [property: Id(0)] int[] Columns,
    [property: Id(1)] int[] Rows,
    [property: Id(2)] double[] Values,
    [property: Id(3)] long Version = 0);

/// <summary>Which location counts: the cells (of <see cref="CellSumQuery.CellMetres"/>) asked about, for the group and window of <paramref name="Sums"/> (its weights are not used: these are counts).</summary>
[GenerateSerializer, Immutable]
public sealed record CellLocationQuery(
    [property: Id(0)] CellSumQuery Sums,
    [property: Id(1)] int[] Columns,
    [property: Id(2)] int[] Rows);

/// <summary>Per cell and location description, how many incidents: four parallel arrays.</summary>
[GenerateSerializer, Immutable]
public sealed record CellLocations(
    [property: Id(0)] int[] Columns,
    [property: Id(1)] int[] Rows,
    [property: Id(2)] string[] Locations,
    [property: Id(3)] int[] Counts);
