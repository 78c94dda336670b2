namespace HotSpots.Domain.Grid;

/// <summary>One square cell of the British National Grid: its column and row counted from EPSG:27700's false origin.</summary>
public readonly record struct GridCell(int Column, int Row);

/// <summary>
/// The side of a grid cell in metres. Cells are aligned to EPSG:27700's false origin, so a cell of a given size is the
/// same square for every partner, every node and every restart: column ⌊easting / size⌋, row ⌊northing / size⌋.
/// </summary>
public sealed record CellSize
{
    public const int SmallestMetres = 100;
    public const int LargestMetres = 1000;
    public const int DefaultMetres = 250;

    public static CellSize Default { get; } = new(DefaultMetres);

    public CellSize(int metres)
    {
        if (!IsAllowed(metres))
            throw new ArgumentOutOfRangeException(nameof(metres), metres, $"A cell is {SmallestMetres} to {LargestMetres} metres across.");
        Metres = metres;
    }

    public int Metres { get; }

    /// <summary>Below 100 m a cell is smaller than police.uk's anonymised snapping; above 1 km it is no longer a micro-place.</summary>
    public static bool IsAllowed(int metres) => metres is >= SmallestMetres and <= LargestMetres;

    public GridCell CellAt(double easting, double northing) =>
        new((int)Math.Floor(easting / Metres), (int)Math.Floor(northing / Metres));

    public (double Easting, double Northing) SouthWestOf(GridCell cell) => ((double)cell.Column * Metres, (double)cell.Row * Metres);

    public (double Easting, double Northing) CentreOf(GridCell cell) => ((cell.Column + 0.5) * Metres, (cell.Row + 0.5) * Metres);
}
