using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using NetTopologySuite.Triangulate;

namespace HotSpots.Geography.Demo;

/// <summary>
/// Thurrock's 20 wards approximated for machines without boundary files: a Voronoi diagram of each ward's seed
/// points, cells merged per ward and clipped to the borough outline. Real names and codes, approximate shapes; the
/// API and dashboard say so wherever they show it.
/// </summary>
public static class DemoGeography
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static IReadOnlyList<Area> Wards()
    {
        var outline = Factory.CreatePolygon([.. ThurrockFigures.Outline.Select(p => new Coordinate(p.Longitude, p.Latitude))]);
        var owner = new Dictionary<Coordinate, int>();
        var sites = new List<Coordinate>();
        for (var w = 0; w < ThurrockFigures.Wards.Count; w++)
        {
            foreach (var (lat, lon) in ThurrockFigures.Wards[w].Seeds)
            {
                var site = new Coordinate(lon, lat);
                if (owner.TryAdd(site, w)) sites.Add(site);
            }
        }

        var builder = new VoronoiDiagramBuilder { ClipEnvelope = Grown(outline.EnvelopeInternal) };
        builder.SetSites(sites);
        var cells = ThurrockFigures.Wards.Select(_ => new List<Geometry>()).ToArray();
        var diagram = builder.GetDiagram(Factory);
        for (var i = 0; i < diagram.NumGeometries; i++)
        {
            var cell = diagram.GetGeometryN(i);
            cells[owner[(Coordinate)cell.UserData]].Add(cell);
        }

        return [.. ThurrockFigures.Wards.Select((ward, w) =>
            new Area(ward.Code, ward.Name, CascadedPolygonUnion.Union(cells[w]).Intersection(outline)) { Authority = LocalAuthorities.Thurrock })];
    }

    /// <summary>The three Thurrock operation zones named in the partnership's plans, as centre and radius.</summary>
    public static IReadOnlyList<CircleZone> OperationZones { get; } =
    [
        new("op-dial-lakeside", "Op Dial: Lakeside and Chafford Hundred station", 51.4859, 0.2876, 600),
        new("op-grip-grays", "Op Grip: Grays town centre", 51.4760, 0.3220, 450),
        new("op-minerva-corringham", "Op Minerva: Corringham", 51.5250, 0.4600, 500),
    ];

    private static Envelope Grown(Envelope envelope)
    {
        var grown = new Envelope(envelope);
        grown.ExpandBy(0.1);
        return grown;
    }
}
