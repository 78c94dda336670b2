using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace HotSpots.Geography;

/// <summary>
/// Point-in-area lookup: an STRtree of prepared polygons, fronted by a grid of cells over the set's extent. Boundary
/// rule for a partition: a point is tested with "covers" (closed polygons), and when it lies on a boundary shared by
/// several areas it goes to the one whose code sorts first (ordinal). That makes every point belong to exactly one
/// ward, independently of load order.
/// <para>
/// Why the grid: bulk imports locate millions of points, and almost all of them fall well inside one ward. Each cell
/// is worked out on first use (the areas whose polygons touch it, and whether they cover all of it), so a point in a
/// cell that lies wholly inside one area is answered without a polygon test, and one near a boundary is tested only
/// against the few areas that reach its cell. Cells are immutable once built; two threads building the same cell
/// build equal ones, so publishing without a lock is safe.
/// </para>
/// </summary>
public sealed class AreaIndex
{
    /// <summary>Cells along the longer side of the extent: about 100 m for a county, a few metres for a zone set.</summary>
    private const int CellsOnLongSide = 1024;

    private readonly STRtree<Entry> _tree = new();
    private readonly GeometryFactory _factory = new(new PrecisionModel(), 4326);
    private readonly Envelope _extent = new();
    private readonly double _cellSize;
    private readonly int _columns;
    private readonly Cell?[] _cells;

    public AreaIndex(IReadOnlyList<Area> areas)
    {
        var preparer = new PreparedGeometryFactory();
        // Areas arrive sorted by code, so an entry's ordinal is its code's rank.
        for (var i = 0; i < areas.Count; i++)
        {
            var entry = new Entry(areas[i], preparer.Create(areas[i].Geometry), new IndexedPointInAreaLocator(areas[i].Geometry), i);
            // The locator builds its index on first use; doing that here keeps later lookups free of lazy set-up races.
            entry.Locator.Locate(areas[i].Geometry.EnvelopeInternal.Centre);
            _tree.Insert(areas[i].Geometry.EnvelopeInternal, entry);
            _extent.ExpandToInclude(areas[i].Geometry.EnvelopeInternal);
        }
        _tree.Build();

        var longSide = Math.Max(_extent.Width, _extent.Height);
        _cellSize = longSide > 0 ? longSide / CellsOnLongSide : 1;
        _columns = areas.Count == 0 ? 0 : (int)(_extent.Width / _cellSize) + 1;
        var rows = areas.Count == 0 ? 0 : (int)(_extent.Height / _cellSize) + 1;
        _cells = new Cell?[_columns * rows];
    }

    /// <summary>The one area of a partition that holds the point, or null when it is outside them all.</summary>
    public Area? FindOne(double longitude, double latitude)
    {
        if (CellAt(longitude, latitude) is not { } cell) return null;
        if (cell.CoveredByAll) return cell.Candidates[0].Area;
        var coordinate = new Coordinate(longitude, latitude);
        foreach (var entry in cell.Candidates)
        {
            if (entry.Locator.Locate(coordinate) != Location.Exterior) return entry.Area;
        }
        return null;
    }

    /// <summary>Every area that holds the point (zones may overlap), in code order.</summary>
    public IReadOnlyList<Area> FindAll(double longitude, double latitude)
    {
        if (CellAt(longitude, latitude) is not { } cell || cell.Candidates.Length == 0) return [];
        if (cell.CoveredByAll) return cell.Areas;
        var coordinate = new Coordinate(longitude, latitude);
        List<Area>? found = null;
        foreach (var entry in cell.Candidates)
        {
            if (entry.Locator.Locate(coordinate) != Location.Exterior) (found ??= []).Add(entry.Area);
        }
        return found is null ? [] : found;
    }

    private Cell? CellAt(double longitude, double latitude)
    {
        // Written so that NaN fails the test too.
        if (!(longitude >= _extent.MinX && longitude <= _extent.MaxX && latitude >= _extent.MinY && latitude <= _extent.MaxY)) return null;
        var column = (int)((longitude - _extent.MinX) / _cellSize);
        var row = (int)((latitude - _extent.MinY) / _cellSize);
        var index = row * _columns + column;
        return Volatile.Read(ref _cells[index]) ?? Build(index, column, row);
    }

    private Cell Build(int index, int column, int row)
    {
        var minX = _extent.MinX + column * _cellSize;
        var minY = _extent.MinY + row * _cellSize;
        var bounds = new Envelope(minX, minX + _cellSize, minY, minY + _cellSize);
        var rectangle = _factory.ToGeometry(bounds);
        var candidates = _tree.Query(bounds).Where(e => e.Prepared.Intersects(rectangle)).OrderBy(e => e.Ordinal).ToArray();
        var cell = new Cell(candidates, candidates.Length > 0 && candidates.All(e => e.Prepared.Covers(rectangle)));
        Volatile.Write(ref _cells[index], cell);
        return cell;
    }

    private sealed record Entry(Area Area, IPreparedGeometry Prepared, IndexedPointInAreaLocator Locator, int Ordinal);

    /// <summary>The areas that reach a cell, in code order, and whether every one of them covers all of it.</summary>
    private sealed class Cell(Entry[] candidates, bool coveredByAll)
    {
        public Entry[] Candidates { get; } = candidates;

        public bool CoveredByAll { get; } = coveredByAll;

        public IReadOnlyList<Area> Areas { get; } = [.. candidates.Select(e => e.Area)];
    }
}
