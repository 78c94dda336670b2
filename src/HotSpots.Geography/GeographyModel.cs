using HotSpots.Geography.Demo;

namespace HotSpots.Geography;

/// <summary>Where a point falls: exactly one ward (or none: outside the area) and any number of zones.</summary>
public readonly record struct Placement(Area? Ward, IReadOnlyList<Area> Zones);

/// <summary>The loaded ward and zone sets. <see cref="IsDemo"/> marks the approximate built-in Thurrock wards.</summary>
public sealed class GeographyModel(AreaSet wards, AreaSet zones, bool isDemo)
{
    public AreaSet Wards { get; } = wards;

    public AreaSet Zones { get; } = zones;

    public bool IsDemo { get; } = isDemo;

    /// <summary><c>demo</c> or <c>configured</c>, as the API reports it.</summary>
    public string Mode => IsDemo ? "demo" : "configured";

    public AreaSet Set(AreaSetKind kind) => kind == AreaSetKind.Wards ? Wards : Zones;

    public Placement Locate(double latitude, double longitude) =>
        new(Wards.Index.FindOne(longitude, latitude), Zones.Index.FindAll(longitude, latitude));

    /// <summary>
    /// Configured ward files when there are any, otherwise the demo wards. Zones come from zone files and circles
    /// when any are configured, otherwise the three Thurrock operation zones.
    /// </summary>
    public static GeographyModel Load(GeographyOptions options)
    {
        var isDemo = options.Wards.Files.Count == 0;
        var wards = isDemo
            ? DemoGeography.Wards()
            : options.Wards.Files.SelectMany(f => GeoJsonAreaReader.Read(f, options.Wards.CodeProperty, options.Wards.NameProperty)).ToList();

        var zoneOptions = options.Zones;
        var circles = zoneOptions.Files.Count == 0 && zoneOptions.Circles.Count == 0 ? DemoGeography.OperationZones : zoneOptions.Circles;
        var zones = zoneOptions.Files
            .SelectMany(f => GeoJsonAreaReader.Read(f, zoneOptions.CodeProperty, zoneOptions.NameProperty))
            .Concat(circles.Select(c => new Area(c.Code, c.Name, MetricGeometry.Circle(c.Latitude, c.Longitude, c.RadiusMetres))));

        return new GeographyModel(new AreaSet(AreaSetKind.Wards, wards), new AreaSet(AreaSetKind.Zones, zones), isDemo);
    }
}
