using System.Collections.Concurrent;
using System.Text.Json;
using HotSpots.Domain.Evaluation;
using HotSpots.Geography;
using HotSpots.Store;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Areas;

/// <summary>A zone as it stands: its latest version (retired or not) and its shape.</summary>
public sealed record ZoneRecord(ZoneVersion Version, ZoneShape Shape);

/// <summary>
/// Builds the geography from configuration and the store: the current ward set (the configured or demo wards, or a set
/// an administrator loaded), the latest version of every live zone, and the operations' layouts. Configuration seeds
/// zones: a configured zone is stored as a version of origin <c>configuration</c> whenever its shape or name differs
/// from its latest stored version, and retired when it leaves the configuration. Zones made through the API are the
/// API's; configuration never overwrites them.
/// </summary>
public sealed class GeographyCatalog(IOperationStore store, IOptions<GeographyOptions> options)
{
    public const string ConfigurationOrigin = "configuration";
    public const string ApiOrigin = "api";

    private readonly Lazy<(IReadOnlyList<Area> Wards, bool IsDemo)> _configured = new(() => (GeographyModel.LoadWards(options.Value, out var demo), demo));
    private readonly ConcurrentDictionary<string, (WardSetInfo Info, AreaSet Wards)> _storedSets = new();

    /// <summary>The id of the set that configuration gives: <c>demo</c> or <c>configured</c>.</summary>
    public WardSetInfo ConfiguredSet => _configured.Value.IsDemo ? WardSetInfo.Demo : WardSetInfo.Configured;

    /// <summary>
    /// Stores configured zones that are new or changed, and retires configured zones that were removed; returns what the
    /// operator should know (configured zones the API has taken over).
    /// </summary>
    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken = default)
    {
        var notes = new List<string>();
        var latest = await LatestZonesAsync(cancellationToken);
        var configured = GeographyModel.ConfiguredZoneShapes(options.Value);
        foreach (var (area, shape) in configured)
        {
            if (latest.TryGetValue(area.Code, out var stored))
            {
                if (stored.Version.Origin != ConfigurationOrigin)
                {
                    notes.Add($"zone {area.Code} is configured but was last changed through the API; the API's version stands");
                    continue;
                }
                if (!stored.Version.Retired && stored.Version.Name == area.Name && stored.Version.Shape == shape.Json) continue;
            }
            await store.AddZoneVersionAsync(area.Code, area.Name, shape.Json, ConfigurationOrigin, retired: false, cancellationToken);
        }
        var codes = configured.Select(c => c.Area.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in latest.Values.Where(z => z.Version.Origin == ConfigurationOrigin && !z.Version.Retired && !codes.Contains(z.Version.Code)))
            await store.AddZoneVersionAsync(stale.Version.Code, stale.Version.Name, stale.Version.Shape, ConfigurationOrigin, retired: true, cancellationToken);
        return notes;
    }

    /// <summary>The geography as the store now has it, stamped with the revision it was read at.</summary>
    public async Task<GeographyModel> BuildAsync(CancellationToken cancellationToken = default)
    {
        var revision = await store.GeographyRevisionAsync(cancellationToken);
        var wards = await CurrentWardSetAsync(cancellationToken);
        var zones = (await LatestZonesAsync(cancellationToken)).Values
            .Where(z => !z.Version.Retired)
            .Select(z => new Area(z.Version.Code, z.Version.Name, z.Shape.Geometry));
        var model = new GeographyModel(wards.Wards, new AreaSet(AreaSetKind.Zones, zones), wards.Info.IsDemo, wards.Info);
        var operations = await store.OperationsAsync(cancellationToken);
        return model.WithOperations(operations.Select(Frame), revision);
    }

    public static OperationFrame Frame(Operation operation) =>
        new(operation.Id, operation.Zones, operation.ControlWards, operation.BufferInnerMetres, operation.BufferOuterMetres);

    /// <summary>The ward set in force: the one made current in the store, else the configured (or demo) one.</summary>
    public async Task<(WardSetInfo Info, AreaSet Wards)> CurrentWardSetAsync(CancellationToken cancellationToken = default)
    {
        var currentId = await store.CurrentWardSetAsync(cancellationToken) ?? ConfiguredSet.Id;
        return await WardSetAsync(currentId, cancellationToken) ?? (await WardSetAsync(ConfiguredSet.Id, cancellationToken))!.Value;
    }

    /// <summary>A ward set by id: the configured (or demo) one, or one loaded into the store; null when there is none.</summary>
    public async Task<(WardSetInfo Info, AreaSet Wards)?> WardSetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (id == ConfiguredSet.Id) return (ConfiguredSet, new AreaSet(AreaSetKind.Wards, _configured.Value.Wards));
        if (_storedSets.TryGetValue(id, out var cached)) return cached;
        var record = (await store.WardSetsAsync(cancellationToken)).FirstOrDefault(s => s.Id == id);
        if (record is null || await store.WardSetFeaturesAsync(id, cancellationToken) is not { } features) return null;
        using var document = JsonDocument.Parse(features);
        var set = (new WardSetInfo(record.Id, record.Name, false), new AreaSet(AreaSetKind.Wards, LocalAuthorities.Assign(GeoJsonAreaReader.Read(document, $"ward set {id}"), options.Value)));
        return _storedSets.GetOrAdd(id, set);
    }

    /// <summary>Every ward set that can be chosen: the configured one first, then those loaded, oldest first.</summary>
    public async Task<IReadOnlyList<WardSetRecord>> WardSetsAsync(CancellationToken cancellationToken = default) =>
    [
        new WardSetRecord(ConfiguredSet.Id, ConfiguredSet.Name, _configured.Value.Wards.Count, DateTimeOffset.UnixEpoch),
        .. await store.WardSetsAsync(cancellationToken),
    ];

    /// <summary>Checks and stores a new ward set (a GeoJSON FeatureCollection); returns how many wards it has.</summary>
    public async Task<int?> AddWardSetAsync(string id, string name, JsonElement featureCollection, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (id == WardSetInfo.Demo.Id || id == WardSetInfo.Configured.Id) throw new GeographyException($"'{id}' is the name of the configured set");
        var raw = featureCollection.GetRawText();
        using var document = JsonDocument.Parse(raw);
        var wards = new AreaSet(AreaSetKind.Wards, GeoJsonAreaReader.Read(document, $"ward set {id}"));
        if (wards.Areas.Count == 0) throw new GeographyException("the ward set has no wards");
        return await store.AddWardSetAsync(new WardSetRecord(id, name, wards.Areas.Count, now), raw, cancellationToken) ? wards.Areas.Count : null;
    }

    /// <summary>Latest version of every zone ever stored, by code.</summary>
    public async Task<IReadOnlyDictionary<string, ZoneRecord>> LatestZonesAsync(CancellationToken cancellationToken = default) =>
        (await store.ZoneVersionsAsync(null, cancellationToken))
            .GroupBy(v => v.Code, StringComparer.Ordinal)
            .Select(g => g.MaxBy(v => v.Version)!)
            .ToDictionary(v => v.Code, v => new ZoneRecord(v, ZoneShape.Read(v.Shape)), StringComparer.Ordinal);
}
