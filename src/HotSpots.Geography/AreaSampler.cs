using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace HotSpots.Geography;

/// <summary>Uniformly random points inside an area (rejection sampling in its envelope), for the demo feed and drills.</summary>
public sealed class AreaSampler(Area area)
{
    private readonly IPreparedGeometry _shape = new PreparedGeometryFactory().Create(area.Geometry);
    private readonly GeometryFactory _factory = new(new PrecisionModel(), 4326);

    public Area Area { get; } = area;

    /// <summary>A point strictly inside the area as (latitude, longitude); the interior point if sampling keeps missing.</summary>
    public (double Latitude, double Longitude) Next(Random random)
    {
        var envelope = Area.Geometry.EnvelopeInternal;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var c = new Coordinate(envelope.MinX + random.NextDouble() * envelope.Width, envelope.MinY + random.NextDouble() * envelope.Height);
            if (_shape.ContainsProperly(_factory.CreatePoint(c))) return (c.Y, c.X);
        }
        var inside = Area.Geometry.InteriorPoint.Coordinate;
        return (inside.Y, inside.X);
    }
}
