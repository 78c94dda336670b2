using HotSpots.Geography.Demo;

namespace HotSpots.Geography;

/// <summary>Where a point falls: exactly one ward (or none: outside the area) and any number of zones.</summary>
public readonly record struct Placement(Area? Ward, IReadOnlyList<Area> Zones);

/// <summary>A ward set's identity: wards change at elections, so sets are versioned and one is current.</summary>
public sealed record WardSetInfo(string Id, string Name, bool IsDemo)
{
    public static readonly WardSetInfo Demo = new("demo", "Demo: Thurrock's 20 wards (approximate shapes)", true);

    public static readonly WardSetInfo Configured = new("configured", "Configured boundary files", false);
}

/// <summary>
/// One snapshot of the geography: the current ward set, the live zones and the layouts of the operations evaluated over
/// them (buffer rings and control exclusions). Snapshots are immutable; a change makes a new one.
/// </summary>
public sealed class GeographyModel
{
    private readonly Dictionary<string, OperationLayout> _layouts;
    private Dictionary<AreaKey, string>? _grainKeys;

    public GeographyModel(AreaSet wards, AreaSet zones, bool isDemo, WardSetInfo? wardSet = null, IReadOnlyList<OperationLayout>? layouts = null, long revision = 0)
    {
        Wards = wards;
        Zones = zones;
        IsDemo = isDemo;
        WardSet = wardSet ?? (isDemo ? WardSetInfo.Demo : WardSetInfo.Configured);
        Layouts = layouts ?? [];
        Revision = revision;
        _layouts = Layouts.ToDictionary(l => l.Operation, StringComparer.Ordinal);
        Rings = new AreaSet(AreaSetKind.Rings, Layouts.SelectMany(l => l.Zones.Select(z => z.Ring)));
        Exclusions = new AreaSet(AreaSetKind.Exclusions, Layouts.Select(l => l.Excluded));
    }

    public AreaSet Wards { get; }

    public AreaSet Zones { get; }

    public AreaSet Rings { get; }

    public AreaSet Exclusions { get; }

    public bool IsDemo { get; }

    public WardSetInfo WardSet { get; }

    public IReadOnlyList<OperationLayout> Layouts { get; }

    /// <summary>The geography revision of the store this snapshot was built from (0: built from configuration alone).</summary>
    public long Revision { get; }

    /// <summary><c>demo</c> or <c>configured</c>, as the API reports it.</summary>
    public string Mode => IsDemo ? "demo" : "configured";

    /// <summary>What the API, the dashboard and the start banner say about where the boundaries come from.</summary>
    public string Note => IsDemo
        ? "Demo geography: Thurrock's 20 wards with real names and codes but approximate shapes. Configure HotSpots:Geography:Wards:Files for real boundaries."
        : "Configured boundary files.";

    public AreaSet Set(AreaSetKind kind) => kind switch
    {
        AreaSetKind.Wards => Wards,
        AreaSetKind.Zones => Zones,
        AreaSetKind.Rings => Rings,
        _ => Exclusions,
    };

    /// <summary>The grain key of an area of this geography (see <see cref="AreaSets.GrainKey"/>).</summary>
    public string GrainKey(AreaKey key)
    {
        var keys = Volatile.Read(ref _grainKeys);
        if (keys is null)
        {
            keys = [];
            foreach (var kind in new[] { AreaSetKind.Wards, AreaSetKind.Zones, AreaSetKind.Rings, AreaSetKind.Exclusions })
            {
                foreach (var area in Set(kind).Areas)
                {
                    var areaKey = new AreaKey(kind, area.Code);
                    keys[areaKey] = AreaSets.GrainKey(areaKey, WardSet.Id, area.Fingerprint());
                }
            }
            Volatile.Write(ref _grainKeys, keys);
        }
        return keys.TryGetValue(key, out var grainKey) ? grainKey : throw new KeyNotFoundException($"no area {key} in this geography");
    }

    /// <summary>Every area of every set: wards, zones, buffer rings and control exclusions.</summary>
    public IEnumerable<AreaKey> AllKeys() =>
        new[] { AreaSetKind.Wards, AreaSetKind.Zones, AreaSetKind.Rings, AreaSetKind.Exclusions }
            .SelectMany(kind => Set(kind).Areas.Select(a => new AreaKey(kind, a.Code)));

    public OperationLayout? Layout(string operation) => _layouts.GetValueOrDefault(operation);

    public Placement Locate(double latitude, double longitude) =>
        new(Wards.Index.FindOne(longitude, latitude), Zones.Index.FindAll(longitude, latitude));

    /// <summary>
    /// The evaluation areas holding a point already placed: buffer rings, and the exclusions whose operation's control
    /// wards hold its ward.
    /// </summary>
    public void LocateEvaluationAreas(double latitude, double longitude, Area? ward, List<Area> rings, List<Area> exclusions)
    {
        if (Layouts.Count == 0) return;
        rings.AddRange(Rings.Index.FindAll(longitude, latitude));
        foreach (var excluded in Exclusions.Index.FindAll(longitude, latitude))
        {
            if (_layouts[excluded.Code].InControlWards(ward)) exclusions.Add(excluded);
        }
    }

    /// <summary>The same wards and zones with the layouts of these operations.</summary>
    public GeographyModel WithOperations(IEnumerable<OperationFrame> frames, long revision) =>
        new(Wards, Zones, IsDemo, WardSet, [.. frames.Select(f => OperationLayout.Build(f, Zones, WardSet.Id))], revision);

    /// <summary>
    /// Configured ward files when there are any, otherwise the demo wards. Zones come from zone files and circles
    /// when any are configured, otherwise the three Thurrock operation zones.
    /// </summary>
    public static GeographyModel Load(GeographyOptions options) =>
        new(new AreaSet(AreaSetKind.Wards, LoadWards(options, out var isDemo)), new AreaSet(AreaSetKind.Zones, ConfiguredZones(options)), isDemo);

    public static IReadOnlyList<Area> LoadWards(GeographyOptions options, out bool isDemo)
    {
        isDemo = options.Wards.Files.Count == 0;
        var wards = options.Wards;
        return LocalAuthorities.Assign(isDemo
            ? DemoGeography.Wards()
            : wards.Files.SelectMany(f => GeoJsonAreaReader.Read(f, wards.CodeProperty, wards.NameProperty, wards.AuthorityProperty)), options);
    }

    public static IReadOnlyList<Area> ConfiguredZones(GeographyOptions options) => [.. ConfiguredZoneShapes(options).Select(z => z.Area)];

    /// <summary>Configured zones with their shapes (a circle stays a circle, so it is stored and edited as one).</summary>
    public static IReadOnlyList<(Area Area, ZoneShape Shape)> ConfiguredZoneShapes(GeographyOptions options)
    {
        var zoneOptions = options.Zones;
        var circles = zoneOptions.Files.Count == 0 && zoneOptions.Circles.Count == 0 ? DemoGeography.OperationZones : zoneOptions.Circles;
        return
        [
            .. zoneOptions.Files.SelectMany(f => GeoJsonAreaReader.Read(f, zoneOptions.CodeProperty, zoneOptions.NameProperty))
                .Select(a => (a, ZoneShape.OfGeometry(a.Geometry))),
            .. circles.Select(c => ZoneShape.OfCircle(c.Latitude, c.Longitude, c.RadiusMetres)).Zip(circles, (shape, c) => (new Area(c.Code, c.Name, shape.Geometry), shape)),
        ];
    }
}
