using System.ComponentModel;
using System.Text.Json;
using System.Text.RegularExpressions;
using HotSpots.Application.Monitoring;
using HotSpots.Domain.Evaluation;
using HotSpots.Geography;
using HotSpots.Store;

namespace HotSpots.Application.Areas;

/// <summary>A zone as the API shows it: its latest version, its shape, its size and the operations that use it.</summary>
public sealed record ZoneView(string Code, string Name, int Version, string Origin, bool Retired, DateTimeOffset ChangedAt, JsonElement Shape,
    double SquareKm, IReadOnlyList<string> Operations, IReadOnlyList<ZoneVersionView>? Versions = null);

public sealed record ZoneVersionView(int Version, string Name, string Origin, bool Retired, DateTimeOffset CreatedAt, JsonElement Shape);

/// <summary>
/// A zone as sent: a name and either <c>circle</c> (<c>latitude</c>, <c>longitude</c>, <c>radiusMetres</c>) or
/// <c>geometry</c> (a GeoJSON Polygon or MultiPolygon in WGS84).
/// </summary>
public sealed record ZonePut(
    string? Name,
    [property: Description("A circle: {\"latitude\", \"longitude\", \"radiusMetres\"} (up to 50 km); send this or geometry")] JsonElement? Circle,
    [property: Description("A GeoJSON Polygon or MultiPolygon, WGS84 longitude/latitude, rings that do not cross; send this or circle")] JsonElement? Geometry);

/// <summary>What a change to the geography was accepted as: the store's revision, and the one this node has applied.</summary>
public sealed record GeographyAccepted(long Revision, long AppliedRevision, object? Item = null);

public sealed record GeographyStatus(long Revision, long AppliedRevision, string WardSet, int Wards, int Zones, int Operations);

public sealed record WardSetView(string Id, string Name, int Wards, DateTimeOffset? LoadedAt, bool Current);

/// <summary>A ward set to load: an id, a name and its wards as a GeoJSON FeatureCollection.</summary>
public sealed record WardSetPost(
    [property: Description("1-64 characters of a-z, 0-9, '-' and '_'")] string? Id,
    string? Name,
    [property: Description("A GeoJSON FeatureCollection of Polygon or MultiPolygon wards (WGS84), each with a code property (WDyyCD or code) and a name (WDyyNM or name)")] JsonElement? Features);

/// <summary>Why a change was refused, which decides how the API answers it.</summary>
public enum RefusalKind
{
    /// <summary>The request names something in a form that can never be valid.</summary>
    Malformed,

    /// <summary>The change is well formed but breaks a rule.</summary>
    Invalid,

    NotFound,

    /// <summary>The change clashes with what is there (configuration owns it, or it exists and cannot change).</summary>
    Conflict,
}

/// <summary>The outcome of a change to zones, operations or ward sets.</summary>
public abstract record GeographyEdit
{
    /// <summary>Stored: a new geography revision, which this node applies in the background.</summary>
    public sealed record Stored(GeographyAccepted Accepted) : GeographyEdit;

    /// <summary>Already so: nothing was stored.</summary>
    public sealed record Unchanged(GeographyAccepted Accepted) : GeographyEdit;

    /// <summary>A new ward set, loaded but not yet current.</summary>
    public sealed record Loaded(WardSetView WardSet) : GeographyEdit;

    /// <summary>Refused; <paramref name="Problems"/> names each broken rule by the field it is about, when there are fields.</summary>
    public sealed record Refused(RefusalKind Kind, string Title, string Detail, IReadOnlyList<FieldProblem>? Problems = null) : GeographyEdit;

    internal static Refused Of(string title, IReadOnlyList<FieldProblem> problems, RefusalKind kind = RefusalKind.Invalid) =>
        new(kind, title, string.Join("; ", problems.Select(p => p.Message)), problems);
}

/// <summary>
/// The operation leads' and administrators' changes to the geography, and the views of it they work from: zones
/// (versioned; configuration owns its own), operations, ward sets, and the wait for a change to be applied here.
/// </summary>
public sealed partial class GeographyEditor(GeographyCatalog catalog, IOperationStore store, GeographyWatcher watcher, MonitorDirectory monitors, TimeProvider time)
{
    /// <summary>How long a request waits for this node to apply a geography revision.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>Room for any real place name; a name is shown in every list, popup and printed ranking.</summary>
    public const int MaxZoneName = 200;

    public async Task<GeographyStatus> StatusAsync(CancellationToken ct)
    {
        var geography = monitors.Geography;
        return new GeographyStatus(await store.GeographyRevisionAsync(ct), geography.Revision, geography.WardSet.Id,
            geography.Wards.Areas.Count, geography.Zones.Areas.Count, geography.Layouts.Count);
    }

    /// <summary>
    /// Waits (up to <see cref="MaxWait"/>) until this node has applied <paramref name="revision"/>, or the latest stored
    /// revision when it is null; false when it has not by then.
    /// </summary>
    public async Task<bool> WaitForAppliedAsync(long? revision, CancellationToken ct)
    {
        try
        {
            await watcher.WhenAppliedAsync(revision ?? await store.GeographyRevisionAsync(ct), ct).WaitAsync(MaxWait, time, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<ZoneView>> ZonesAsync(bool includeRetired, CancellationToken ct)
    {
        var operations = await store.OperationsAsync(ct);
        return [.. (await catalog.LatestZonesAsync(ct)).Values
            .Where(z => includeRetired || !z.Version.Retired)
            .OrderBy(z => z.Version.Code, StringComparer.Ordinal)
            .Select(z => View(z, operations))];
    }

    /// <summary>A zone with every version of it, or null.</summary>
    public async Task<ZoneView?> ZoneAsync(string code, CancellationToken ct)
    {
        if (!(await catalog.LatestZonesAsync(ct)).TryGetValue(code, out var zone)) return null;
        var versions = await store.ZoneVersionsAsync(code, ct);
        return View(zone, await store.OperationsAsync(ct)) with
        {
            Versions = [.. versions.Select(v => new ZoneVersionView(v.Version, v.Name, v.Origin, v.Retired, v.CreatedAt, Parse(v.Shape)))],
        };
    }

    public async Task<GeographyEdit> PutZoneAsync(string code, ZonePut? body, CancellationToken ct)
    {
        if (!Code().IsMatch(code))
            return GeographyEdit.Of("Invalid zone code", [new FieldProblem("code", "a zone code is 1-64 characters of a-z, 0-9, '-' and '_'")], RefusalKind.Malformed);
        if (body is null || string.IsNullOrWhiteSpace(body.Name))
            return GeographyEdit.Of("Zone not accepted", [new FieldProblem("name", "name is required")]);
        var name = body.Name.Trim();
        if (name.Length > MaxZoneName)
            return GeographyEdit.Of("Zone not accepted", [new FieldProblem("name", $"name is {name.Length} characters; a zone name is at most {MaxZoneName}")]);
        ZoneShape shape;
        try
        {
            shape = ZoneShape.Read(body.Circle, body.Geometry, repair: false);
        }
        catch (GeographyException ex)
        {
            return GeographyEdit.Of("Zone not accepted", [new FieldProblem("shape", ex.Message)]);
        }
        if ((await catalog.LatestZonesAsync(ct)).TryGetValue(code, out var current))
        {
            if (current.Version.Origin == GeographyCatalog.ConfigurationOrigin && !current.Version.Retired)
                return new GeographyEdit.Refused(RefusalKind.Conflict, "Zone managed by configuration",
                    $"zone '{code}' comes from HotSpots:Geography:Zones; change it there, or retire it there and create it here");
            if (!current.Version.Retired && current.Version.Name == name && current.Version.Shape == shape.Json)
                return await UnchangedAsync(View(current, await store.OperationsAsync(ct)), ct);
        }
        var version = await store.AddZoneVersionAsync(code, name, shape.Json, GeographyCatalog.ApiOrigin, retired: false, ct);
        return await StoredAsync(View(new ZoneRecord(version, shape), await store.OperationsAsync(ct)), ct);
    }

    public async Task<GeographyEdit> RetireZoneAsync(string code, CancellationToken ct)
    {
        if (!(await catalog.LatestZonesAsync(ct)).TryGetValue(code, out var current))
            return new GeographyEdit.Refused(RefusalKind.NotFound, "No such zone", $"there is no zone '{code}'");
        if (current.Version.Origin == GeographyCatalog.ConfigurationOrigin && !current.Version.Retired)
            return new GeographyEdit.Refused(RefusalKind.Conflict, "Zone managed by configuration", $"zone '{code}' comes from configuration; remove it there");
        if (current.Version.Retired) return await UnchangedAsync(null, ct);
        await store.AddZoneVersionAsync(code, current.Version.Name, current.Version.Shape, GeographyCatalog.ApiOrigin, retired: true, ct);
        return await StoredAsync(null, ct);
    }

    public async Task<Operation?> OperationAsync(string id, CancellationToken ct) => (await store.OperationsAsync(ct)).FirstOrDefault(o => o.Id == id);

    /// <summary>Creates or changes operation <paramref name="id"/>: its own rules, live zones, and control wards of the current ward set.</summary>
    public async Task<GeographyEdit> PutOperationAsync(string id, Operation sent, CancellationToken ct)
    {
        var operation = sent with { Id = id, ActivePeriods = sent.ActivePeriods ?? [], Zones = sent.Zones ?? [], TargetGroups = sent.TargetGroups ?? [] };
        var problems = operation.FieldProblems().ToList();
        var zones = await catalog.LatestZonesAsync(ct);
        problems.AddRange(operation.Zones.Where(z => !zones.TryGetValue(z, out var zone) || zone.Version.Retired)
            .Select(z => new FieldProblem("zones", $"zone '{z}' is not a live zone")));
        var wards = monitors.Geography.Wards.ByCode;
        problems.AddRange((operation.ControlWards ?? []).Where(w => !wards.ContainsKey(w))
            .Select(w => new FieldProblem("controlWards", $"control ward '{w}' is not in the current ward set")));
        if (problems.Count > 0) return GeographyEdit.Of("Operation not accepted", problems);
        var existing = await OperationAsync(id, ct);
        if (existing is not null && JsonSerializer.Serialize(existing) == JsonSerializer.Serialize(operation)) return await UnchangedAsync(operation, ct);
        await store.PutOperationAsync(operation, ct);
        return await StoredAsync(operation, ct);
    }

    public async Task<GeographyEdit> DeleteOperationAsync(string id, CancellationToken ct) =>
        await store.DeleteOperationAsync(id, ct)
            ? await StoredAsync(null, ct)
            : new GeographyEdit.Refused(RefusalKind.NotFound, "No such operation", $"there is no operation '{id}'");

    public async Task<IReadOnlyList<WardSetView>> WardSetsAsync(CancellationToken ct)
    {
        var current = monitors.Geography.WardSet.Id;
        return [.. (await catalog.WardSetsAsync(ct)).Select(s =>
            new WardSetView(s.Id, s.Name, s.Wards, s.LoadedAt == DateTimeOffset.UnixEpoch ? null : s.LoadedAt, s.Id == current))];
    }

    public async Task<GeographyEdit> AddWardSetAsync(WardSetPost? body, CancellationToken ct)
    {
        if (body?.Id is not { } id || !Code().IsMatch(id) || string.IsNullOrWhiteSpace(body.Name) || body.Features is not { } features)
            return new GeographyEdit.Refused(RefusalKind.Invalid, "Ward set not loaded", "send id (a-z, 0-9, '-', '_'), name and features (a GeoJSON FeatureCollection)");
        var name = body.Name.Trim();
        var now = time.GetUtcNow();
        try
        {
            return await catalog.AddWardSetAsync(id, name, features, now, ct) is { } wards
                ? new GeographyEdit.Loaded(new WardSetView(id, name, wards, now, false))
                : new GeographyEdit.Refused(RefusalKind.Conflict, "Ward set exists", $"a ward set '{id}' is loaded already; sets are never changed, load one under a new id");
        }
        catch (GeographyException ex)
        {
            return new GeographyEdit.Refused(RefusalKind.Invalid, "Ward set not loaded", ex.Message);
        }
    }

    /// <summary>Makes a ward set current; history is re-assigned from stored coordinates in the background.</summary>
    public async Task<GeographyEdit> MakeWardSetCurrentAsync(string id, CancellationToken ct)
    {
        if (await catalog.WardSetAsync(id, ct) is null)
            return new GeographyEdit.Refused(RefusalKind.NotFound, "No such ward set", $"there is no ward set '{id}'; see GET /api/ward-sets");
        if ((await store.CurrentWardSetAsync(ct) ?? catalog.ConfiguredSet.Id) == id) return await UnchangedAsync(null, ct);
        await store.SetCurrentWardSetAsync(id, ct);
        return await StoredAsync(null, ct);
    }

    /// <summary>The zones a patrol visit may name: every zone ever stored, retired ones too (their history is kept).</summary>
    public async Task<IReadOnlySet<string>> KnownZonesAsync(CancellationToken ct) =>
        (await catalog.LatestZonesAsync(ct)).Keys.ToHashSet(StringComparer.Ordinal);

    private async Task<GeographyEdit> StoredAsync(object? item, CancellationToken ct)
    {
        watcher.Changed();
        return new GeographyEdit.Stored(new GeographyAccepted(await store.GeographyRevisionAsync(ct), watcher.AppliedRevision, item));
    }

    private async Task<GeographyEdit> UnchangedAsync(object? item, CancellationToken ct) =>
        new GeographyEdit.Unchanged(new GeographyAccepted(await store.GeographyRevisionAsync(ct), watcher.AppliedRevision, item));

    private static ZoneView View(ZoneRecord zone, IReadOnlyList<Operation> operations) => new(
        zone.Version.Code, zone.Version.Name, zone.Version.Version, zone.Version.Origin, zone.Version.Retired, zone.Version.CreatedAt,
        Parse(zone.Version.Shape), Math.Round(MetricGeometry.SquareKilometres(zone.Shape.Geometry), 4),
        [.. operations.Where(o => o.Zones.Contains(zone.Version.Code)).Select(o => o.Id)]);

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex Code();
}
