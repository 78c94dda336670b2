using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index;
using NetTopologySuite.Index.Strtree;

namespace HotSpots.Geography;

/// <summary>
/// Point-in-area lookup: an STRtree of prepared polygons. Boundary rule for a partition: a point is tested with
/// "covers" (closed polygons), and when it lies on a boundary shared by several areas it goes to the one whose code
/// sorts first (ordinal). That makes every point belong to exactly one ward, independently of load order.
/// </summary>
public sealed class AreaIndex
{
    private readonly STRtree<Entry> _tree = new();
    private readonly GeometryFactory _factory = new(new PrecisionModel(), 4326);

    public AreaIndex(IReadOnlyList<Area> areas)
    {
        var preparer = new PreparedGeometryFactory();
        // Areas arrive sorted by code, so an entry's ordinal is its code's rank.
        for (var i = 0; i < areas.Count; i++)
        {
            _tree.Insert(areas[i].Geometry.EnvelopeInternal, new Entry(areas[i], preparer.Create(areas[i].Geometry), i));
        }
        _tree.Build();
    }

    /// <summary>The one area of a partition that holds the point, or null when it is outside them all.</summary>
    public Area? FindOne(double longitude, double latitude)
    {
        var visitor = new FirstByCode(_factory.CreatePoint(new Coordinate(longitude, latitude)));
        _tree.Query(new Envelope(longitude, longitude, latitude, latitude), visitor);
        return visitor.Best?.Area;
    }

    /// <summary>Every area that holds the point (zones may overlap), in code order.</summary>
    public IReadOnlyList<Area> FindAll(double longitude, double latitude)
    {
        var visitor = new AllCovering(_factory.CreatePoint(new Coordinate(longitude, latitude)));
        _tree.Query(new Envelope(longitude, longitude, latitude, latitude), visitor);
        if (visitor.Found.Count == 0) return [];
        visitor.Found.Sort((a, b) => a.Ordinal.CompareTo(b.Ordinal));
        return [.. visitor.Found.Select(e => e.Area)];
    }

    private sealed record Entry(Area Area, IPreparedGeometry Prepared, int Ordinal);

    private sealed class FirstByCode(Point point) : IItemVisitor<Entry>
    {
        public Entry? Best { get; private set; }

        public void VisitItem(Entry item)
        {
            if ((Best is null || item.Ordinal < Best.Ordinal) && item.Prepared.Covers(point)) Best = item;
        }
    }

    private sealed class AllCovering(Point point) : IItemVisitor<Entry>
    {
        public List<Entry> Found { get; } = [];

        public void VisitItem(Entry item)
        {
            if (item.Prepared.Covers(point)) Found.Add(item);
        }
    }
}
