using System.Globalization;
using System.Text;
using System.Text.Json;
using HotSpots.Application.Evaluation;
using HotSpots.Application.Areas;
using HotSpots.Application.Monitoring;
using HotSpots.Application.Patrols;
using HotSpots.Domain.Evaluation;
using HotSpots.Geography;
using HotSpots.Host.Security;
using HotSpots.Store;

namespace HotSpots.Host.Endpoints;

/// <summary>A zone as the API shows it: its latest version, its shape, its size and the operations that use it.</summary>
public sealed record ZoneView(string Code, string Name, int Version, string Origin, bool Retired, DateTimeOffset ChangedAt, JsonElement Shape,
    double SquareKm, IReadOnlyList<string> Operations, IReadOnlyList<ZoneVersionView>? Versions = null);

public sealed record ZoneVersionView(int Version, string Name, string Origin, bool Retired, DateTimeOffset CreatedAt, JsonElement Shape);

/// <summary>A zone as sent: a name and either a circle or a GeoJSON geometry.</summary>
public sealed record ZonePut(string? Name, JsonElement? Circle, JsonElement? Geometry);

/// <summary>What a change to the geography was accepted as: the store's revision, and the one this node has applied.</summary>
public sealed record GeographyAccepted(long Revision, long AppliedRevision, object? Item = null);

public sealed record GeographyStatus(long Revision, long AppliedRevision, string WardSet, int Wards, int Zones, int Operations);

public sealed record WardSetView(string Id, string Name, int Wards, DateTimeOffset? LoadedAt, bool Current);

public sealed record WardSetPost(string? Id, string? Name, JsonElement? Features);

public sealed record PatrolResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<PatrolItemResult> Items);

/// <summary>Zones, operations, patrols, ward sets and evaluations: the operation leads' API.</summary>
public static partial class OperationEndpoints
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapOperationEndpoints(this IEndpointRouteBuilder app)
    {
        var viewer = app.MapGroup("/api").RequireAuthorization(SecurityExtensions.ViewerPolicy);
        var admin = app.MapGroup("/api").RequireAuthorization(SecurityExtensions.AdminPolicy);
        // Zones and operations are the analysts' and operation leads' day-to-day work, not the system's set-up: see
        // README's "Who may do what". Ward sets change every area's history and stay with administrators.
        var analyst = app.MapGroup("/api").RequireAuthorization(SecurityExtensions.AnalystPolicy);
        var ingest = app.MapGroup("/api").RequireAuthorization(SecurityExtensions.IngestPolicy);

        viewer.MapGet("/geography", GeographyAsync)
            .WithSummary("The geography revision stored and applied here (?revision=N waits up to 30 s until N is applied)");

        viewer.MapGet("/zones", ZonesAsync).WithSummary("Live zones (?all=true: retired ones too)");
        viewer.MapGet("/zones/{code}", ZoneAsync).WithSummary("A zone with every version of it");
        analyst.MapPut("/zones/{code}", PutZoneAsync).WithSummary("Create or change a zone (a new version); history is re-assigned in the background")
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(422);
        analyst.MapDelete("/zones/{code}", RetireZoneAsync).WithSummary("Retire a zone (a retired version; its history is kept)");

        viewer.MapGet("/operations", async (IOperationStore store, CancellationToken ct) => Results.Ok(await store.OperationsAsync(ct)))
            .WithSummary("Every operation");
        viewer.MapGet("/operations/{id}", async (string id, IOperationStore store, CancellationToken ct) =>
                (await store.OperationsAsync(ct)).FirstOrDefault(o => o.Id == id) is { } operation
                    ? Results.Ok(operation)
                    : Results.Problem(statusCode: 404, title: "No such operation", detail: $"there is no operation '{id}'"))
            .WithSummary("One operation");
        analyst.MapPut("/operations/{id}", PutOperationAsync).WithSummary("Create or change an operation").ProducesProblem(400).ProducesProblem(422);
        analyst.MapDelete("/operations/{id}", DeleteOperationAsync).WithSummary("Delete an operation (its zones and patrols stay)");
        viewer.MapGet("/operations/{id}/evaluation", EvaluateAsync)
            .WithSummary("Evaluate an operation: R/D/C counts and rates, gross and net effect, WDD, WDQ, dosage, zone ranking (?format=csv to export)");
        viewer.MapGet("/operations/{id}/layout", LayoutAsync)
            .WithSummary("An operation's evaluation areas as GeoJSON: each zone, its buffer ring, and what the control leaves out");

        ingest.MapPost("/patrols", PostPatrolsAsync).WithBulkBody(app).WithSummary("Record patrol visits (one or an array)").ProducesProblem(400).ProducesProblem(422);
        ingest.MapPost("/patrols/import", ImportPatrolsAsync).WithBulkBody(app).WithSummary("Import a patrol log CSV (zone,start,end,officers[,source,sourceId,method])")
            .Accepts<string>("text/csv").ProducesProblem(400).ProducesProblem(422);
        viewer.MapGet("/patrols", PatrolsAsync).WithSummary("Patrol visits (?zone=&from=&to=, dates; default the last 28 days)");

        viewer.MapGet("/ward-sets", WardSetsAsync).WithSummary("The ward sets that can be chosen, and which is current");
        admin.MapPost("/ward-sets", AddWardSetAsync).WithBulkBody(app).WithSummary("Load a new ward set (GeoJSON FeatureCollection)").ProducesProblem(409).ProducesProblem(422);
        admin.MapPost("/ward-sets/{id}/current", MakeCurrentAsync).WithSummary("Make a ward set current; history is re-assigned from stored coordinates");
        return app;
    }

    private static async Task<IResult> GeographyAsync(long? revision, IOperationStore store, GeographyWatcher watcher, MonitorDirectory monitors, CancellationToken ct)
    {
        if (revision is { } wanted)
        {
            // A revision no change has made yet would only be waited for in vain.
            var stored = await store.GeographyRevisionAsync(ct);
            if (wanted < 0 || wanted > stored)
                return Results.Problem(statusCode: 400, title: "Invalid revision", detail: $"revision {wanted} is not from 0 to {stored}, the latest stored");
            try
            {
                await watcher.WhenAppliedAsync(wanted, ct).WaitAsync(MaxWait, ct);
            }
            catch (TimeoutException)
            {
                return Results.Problem(statusCode: 503, title: "Still re-assigning", detail: $"revision {wanted} is not applied yet; ask again");
            }
        }
        var geography = monitors.Geography;
        return Results.Ok(new GeographyStatus(await store.GeographyRevisionAsync(ct), geography.Revision, geography.WardSet.Id,
            geography.Wards.Areas.Count, geography.Zones.Areas.Count, geography.Layouts.Count));
    }

    private static async Task<IResult> ZonesAsync(bool? all, GeographyCatalog catalog, IOperationStore store, CancellationToken ct)
    {
        var operations = await store.OperationsAsync(ct);
        return Results.Ok((await catalog.LatestZonesAsync(ct)).Values
            .Where(z => all == true || !z.Version.Retired)
            .OrderBy(z => z.Version.Code, StringComparer.Ordinal)
            .Select(z => View(z, operations)));
    }

    private static async Task<IResult> ZoneAsync(string code, GeographyCatalog catalog, IOperationStore store, CancellationToken ct)
    {
        if (!(await catalog.LatestZonesAsync(ct)).TryGetValue(code, out var zone))
            return Results.Problem(statusCode: 404, title: "No such zone", detail: $"there is no zone '{code}'");
        var versions = await store.ZoneVersionsAsync(code, ct);
        return Results.Ok(View(zone, await store.OperationsAsync(ct)) with
        {
            Versions = [.. versions.Select(v => new ZoneVersionView(v.Version, v.Name, v.Origin, v.Retired, v.CreatedAt, Parse(v.Shape)))],
        });
    }

    private static async Task<IResult> PutZoneAsync(string code, ZonePut? body, GeographyCatalog catalog, IOperationStore store, GeographyWatcher watcher, CancellationToken ct)
    {
        if (!ZoneCode().IsMatch(code))
            return NotAccepted("Invalid zone code", [new FieldProblem("code", "a zone code is 1-64 characters of a-z, 0-9, '-' and '_'")], 400);
        if (body is null || string.IsNullOrWhiteSpace(body.Name))
            return NotAccepted("Zone not accepted", [new FieldProblem("name", "name is required")]);
        var name = body.Name.Trim();
        if (name.Length > MaxZoneName)
            return NotAccepted("Zone not accepted", [new FieldProblem("name", $"name is {name.Length} characters; a zone name is at most {MaxZoneName}")]);
        ZoneShape shape;
        try
        {
            shape = ZoneShape.Read(body.Circle, body.Geometry, repair: false);
        }
        catch (GeographyException ex)
        {
            return NotAccepted("Zone not accepted", [new FieldProblem("shape", ex.Message)]);
        }
        var latest = await catalog.LatestZonesAsync(ct);
        if (latest.TryGetValue(code, out var current))
        {
            if (current.Version.Origin == GeographyCatalog.ConfigurationOrigin && !current.Version.Retired)
                return Results.Problem(statusCode: 409, title: "Zone managed by configuration",
                    detail: $"zone '{code}' comes from HotSpots:Geography:Zones; change it there, or retire it there and create it here");
            if (!current.Version.Retired && current.Version.Name == name && current.Version.Shape == shape.Json)
                return Results.Ok(new GeographyAccepted(await store.GeographyRevisionAsync(ct), watcher.AppliedRevision, View(current, await store.OperationsAsync(ct))));
        }
        var version = await store.AddZoneVersionAsync(code, name, shape.Json, GeographyCatalog.ApiOrigin, retired: false, ct);
        return await AcceptedAsync(store, watcher, View(new ZoneRecord(version, shape), await store.OperationsAsync(ct)), ct);
    }

    private static async Task<IResult> RetireZoneAsync(string code, GeographyCatalog catalog, IOperationStore store, GeographyWatcher watcher, CancellationToken ct)
    {
        if (!(await catalog.LatestZonesAsync(ct)).TryGetValue(code, out var current))
            return Results.Problem(statusCode: 404, title: "No such zone", detail: $"there is no zone '{code}'");
        if (current.Version.Origin == GeographyCatalog.ConfigurationOrigin && !current.Version.Retired)
            return Results.Problem(statusCode: 409, title: "Zone managed by configuration", detail: $"zone '{code}' comes from configuration; remove it there");
        if (current.Version.Retired) return Results.Ok(new GeographyAccepted(await store.GeographyRevisionAsync(ct), watcher.AppliedRevision));
        await store.AddZoneVersionAsync(code, current.Version.Name, current.Version.Shape, GeographyCatalog.ApiOrigin, retired: true, ct);
        return await AcceptedAsync(store, watcher, null, ct);
    }

    private static async Task<IResult> PutOperationAsync(string id, HttpRequest request, GeographyCatalog catalog, IOperationStore store, GeographyWatcher watcher,
        MonitorDirectory monitors, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return Results.Problem(statusCode: 415, title: "Not JSON", detail: "Send the operation as application/json.");
        Operation? operation;
        try
        {
            operation = await request.ReadFromJsonAsync<Operation>(ct);
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: 400, title: "Malformed operation", detail: $"The body is not an operation: {ex.Message}");
        }
        if (operation is null) return Results.Problem(statusCode: 400, title: "Malformed operation", detail: "The body is empty.");
        operation = operation with { Id = id, ActivePeriods = operation.ActivePeriods ?? [], Zones = operation.Zones ?? [], TargetGroups = operation.TargetGroups ?? [] };
        var problems = operation.FieldProblems().ToList();
        var zones = await catalog.LatestZonesAsync(ct);
        problems.AddRange(operation.Zones.Where(z => !zones.TryGetValue(z, out var zone) || zone.Version.Retired)
            .Select(z => new FieldProblem("zones", $"zone '{z}' is not a live zone")));
        var wards = monitors.Geography.Wards.ByCode;
        problems.AddRange((operation.ControlWards ?? []).Where(w => !wards.ContainsKey(w))
            .Select(w => new FieldProblem("controlWards", $"control ward '{w}' is not in the current ward set")));
        if (problems.Count > 0)
            return NotAccepted("Operation not accepted", problems);
        var existing = (await store.OperationsAsync(ct)).FirstOrDefault(o => o.Id == id);
        if (existing is not null && JsonSerializer.Serialize(existing) == JsonSerializer.Serialize(operation))
            return Results.Ok(new GeographyAccepted(await store.GeographyRevisionAsync(ct), watcher.AppliedRevision, operation));
        await store.PutOperationAsync(operation, ct);
        return await AcceptedAsync(store, watcher, operation, ct);
    }

    private static async Task<IResult> DeleteOperationAsync(string id, IOperationStore store, GeographyWatcher watcher, CancellationToken ct) =>
        await store.DeleteOperationAsync(id, ct)
            ? await AcceptedAsync(store, watcher, null, ct)
            : Results.Problem(statusCode: 404, title: "No such operation", detail: $"there is no operation '{id}'");

    private static async Task<IResult> EvaluateAsync(string id, string? group, string? before, string? during, string? after, string? format,
        EvaluationService evaluations, IOperationStore store, GeographyWatcher watcher, CancellationToken ct)
    {
        if (format is not (null or "json" or "csv"))
            return Results.Problem(statusCode: 400, title: "Invalid format", detail: $"format '{format}' is not json or csv");
        EvaluationPeriods? periods = null;
        if (before is not null || during is not null || after is not null)
        {
            if (!TryPeriod("before", before, out var b, out var error) || !TryPeriod("during", during, out var d, out error))
                return Results.Problem(statusCode: 400, title: "Invalid periods", detail: error);
            EvaluationPeriod? a = null;
            if (after is not null && !TryPeriod("after", after, out a, out error))
                return Results.Problem(statusCode: 400, title: "Invalid periods", detail: error);
            periods = new EvaluationPeriods(b!, d!, a);
            var all = periods.All.SelectMany(p => p.Ranges).OrderBy(r => r.First).ToList();
            if (all.Zip(all.Skip(1)).Any(p => p.First.End > p.Second.First))
                return Results.Problem(statusCode: 400, title: "Invalid periods", detail: "before, during and after must not overlap");
        }
        // Evaluations reflect every change already stored (a zone just redrawn, say), so wait for it to be applied.
        if (!await AppliedLatestAsync(store, watcher, ct))
            return Results.Problem(statusCode: 503, title: "Still re-assigning", detail: "the latest geography change is still being applied; ask again");
        try
        {
            var evaluation = await evaluations.EvaluateAsync(id, group, periods, ct);
            return format == "csv"
                ? Results.File(Encoding.UTF8.GetBytes(EvaluationCsv.Write(evaluation)), "text/csv", $"{evaluation.Operation}-{evaluation.Group}-evaluation.csv")
                : Results.Ok(evaluation);
        }
        catch (EvaluationException ex)
        {
            return Results.Problem(statusCode: ex.NotFound ? 404 : 422, title: "No evaluation", detail: ex.Message);
        }
    }

    /// <summary>Waits (up to <see cref="MaxWait"/>) until this node has applied the store's latest geography revision.</summary>
    private static async Task<bool> AppliedLatestAsync(IOperationStore store, GeographyWatcher watcher, CancellationToken ct)
    {
        try
        {
            await watcher.WhenAppliedAsync(await store.GeographyRevisionAsync(ct), ct).WaitAsync(MaxWait, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static async Task<IResult> LayoutAsync(string id, MonitorDirectory monitors, IOperationStore store, GeographyWatcher watcher, CancellationToken ct)
    {
        if (!await AppliedLatestAsync(store, watcher, ct))
            return Results.Problem(statusCode: 503, title: "Still re-assigning", detail: "the latest geography change is still being applied; ask again");
        var geography = monitors.Geography;
        if (geography.Layout(id) is not { } layout)
            return Results.Problem(statusCode: 404, title: "No such operation", detail: $"there is no operation '{id}'");
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteString("operation", id);
            json.WriteStartArray("features");
            void Feature(string role, string code, string name, NetTopologySuite.Geometries.Geometry geometry)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteStartObject("properties");
                json.WriteString("role", role);
                json.WriteString("code", code);
                json.WriteString("name", name);
                json.WriteEndObject();
                json.WritePropertyName("geometry");
                GeoJsonWriter.WriteGeometry(json, geometry);
                json.WriteEndObject();
            }
            Feature("excluded", id, layout.Excluded.Name, layout.Excluded.Geometry);
            foreach (var zone in layout.Zones)
            {
                Feature("buffer", zone.Zone, zone.Ring.Name, zone.Ring.Geometry);
                var area = geography.Zones.ByCode[zone.Zone];
                Feature("zone", area.Code, area.Name, area.Geometry);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Results.Bytes(buffer.ToArray(), "application/geo+json");
    }

    private static async Task<IResult> PostPatrolsAsync(HttpRequest request, PatrolInput patrols, GeographyCatalog catalog, CancellationToken ct)
    {
        List<PatrolSubmission?> items;
        string?[] readErrors;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            var root = document.RootElement;
            if (JsonText.DuplicateKey(root) is { } duplicate) return JsonText.DuplicateKeyProblem(duplicate);
            var elements = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : root.ValueKind == JsonValueKind.Object ? [root] : [];
            if (elements.Count is 0 or > IncidentEndpoints.MaxItems)
                return Results.Problem(statusCode: 400, title: "No patrol visits", detail: $"Send one visit object or an array of 1 to {IncidentEndpoints.MaxItems}.");
            readErrors = new string?[elements.Count];
            items = [.. elements.Select((e, i) => e.ValueKind == JsonValueKind.Object ? Submission(e, out readErrors[i]) : null)];
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: 400, title: "Malformed JSON", detail: $"The body is not valid JSON: {ex.Message}");
        }
        var results = (await patrols.SubmitAsync(items, await KnownZonesAsync(catalog, ct), ct))
            .Select(r => readErrors[r.Index] is { } error ? r with { Reason = error } : r)
            .ToList();
        var response = new PatrolResponse(results.Count(r => r.Status == "accepted"), results.Count(r => r.Status == "duplicate"), results.Count(r => r.Status == "rejected"), results);
        return response.Rejected < results.Count
            ? Results.Ok(response)
            : Results.Problem(statusCode: 422, title: "No patrol visit was accepted", detail: results.Count == 1 ? results[0].Reason : "See items for each reason.",
                extensions: new Dictionary<string, object?> { ["items"] = results });
    }

    private static async Task<IResult> ImportPatrolsAsync(HttpRequest request, string? file, PatrolInput patrols, GeographyCatalog catalog, CancellationToken ct)
    {
        try
        {
            // The CSV reader reads synchronously; a request body may not be, so it is buffered first (patrol logs are small).
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            body.Position = 0;
            return Results.Ok(await patrols.ImportCsvAsync(body, file ?? "upload.csv", await KnownZonesAsync(catalog, ct), ct));
        }
        catch (PatrolImportException ex)
        {
            return Results.Problem(statusCode: 422, title: "Patrol log not imported", detail: ex.Message);
        }
    }

    private static async Task<IResult> PatrolsAsync(string? zone, string? from, string? to, IOperationStore store, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var fromProblem = DateProblem("from", from, today.AddDays(-28), out var first);
        var toProblem = DateProblem("to", to, today, out var last);
        if ((fromProblem ?? toProblem) is { } problem) return Results.Problem(statusCode: 400, title: "Invalid dates", detail: problem);
        if (first > last) return Results.Problem(statusCode: 400, title: "Invalid dates", detail: $"from {first:yyyy-MM-dd} is after to {last:yyyy-MM-dd}");
        return Results.Ok(await store.PatrolsAsync(zone, new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), ct));
    }

    private static async Task<IResult> WardSetsAsync(GeographyCatalog catalog, MonitorDirectory monitors, CancellationToken ct)
    {
        var current = monitors.Geography.WardSet.Id;
        return Results.Ok((await catalog.WardSetsAsync(ct)).Select(s =>
            new WardSetView(s.Id, s.Name, s.Wards, s.LoadedAt == DateTimeOffset.UnixEpoch ? null : s.LoadedAt, s.Id == current)));
    }

    private static async Task<IResult> AddWardSetAsync(WardSetPost? body, GeographyCatalog catalog, IOperationStore store, GeographyWatcher watcher, TimeProvider time, CancellationToken ct)
    {
        if (body?.Id is not { } id || !ZoneCode().IsMatch(id) || string.IsNullOrWhiteSpace(body.Name) || body.Features is not { } features)
            return Results.Problem(statusCode: 422, title: "Ward set not loaded", detail: "send id (a-z, 0-9, '-', '_'), name and features (a GeoJSON FeatureCollection)");
        try
        {
            return await catalog.AddWardSetAsync(id, body.Name.Trim(), features, time.GetUtcNow(), ct) is { } wards
                ? Results.Created($"/api/ward-sets/{id}", new WardSetView(id, body.Name.Trim(), wards, time.GetUtcNow(), false))
                : Results.Problem(statusCode: 409, title: "Ward set exists", detail: $"a ward set '{id}' is loaded already; sets are never changed, load one under a new id");
        }
        catch (GeographyException ex)
        {
            return Results.Problem(statusCode: 422, title: "Ward set not loaded", detail: ex.Message);
        }
    }

    private static async Task<IResult> MakeCurrentAsync(string id, GeographyCatalog catalog, IOperationStore store, GeographyWatcher watcher, MonitorDirectory monitors, CancellationToken ct)
    {
        if (await catalog.WardSetAsync(id, ct) is null)
            return Results.Problem(statusCode: 404, title: "No such ward set", detail: $"there is no ward set '{id}'; see GET /api/ward-sets");
        if ((await store.CurrentWardSetAsync(ct) ?? catalog.ConfiguredSet.Id) == id)
            return Results.Ok(new GeographyAccepted(await store.GeographyRevisionAsync(ct), watcher.AppliedRevision));
        await store.SetCurrentWardSetAsync(id, ct);
        return await AcceptedAsync(store, watcher, null, ct);
    }

    private static async Task<IResult> AcceptedAsync(IOperationStore store, GeographyWatcher watcher, object? item, CancellationToken ct)
    {
        watcher.Changed();
        var revision = await store.GeographyRevisionAsync(ct);
        return Results.Accepted($"/api/geography?revision={revision}", new GeographyAccepted(revision, watcher.AppliedRevision, item));
    }

    /// <summary>
    /// A refusal that names every problem (<c>problems</c>, as before) and, as <c>errors</c>, groups them by the field
    /// they are about, as ASP.NET Core's validation problems do: the dashboard's form shows each beside its field.
    /// </summary>
    private static IResult NotAccepted(string title, IReadOnlyList<FieldProblem> problems, int status = 422) =>
        Results.Problem(statusCode: status, title: title, detail: string.Join("; ", problems.Select(p => p.Message)),
            extensions: new Dictionary<string, object?>
            {
                ["problems"] = problems.Select(p => p.Message).ToList(),
                ["errors"] = problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToList()),
            });

    private static async Task<IReadOnlySet<string>> KnownZonesAsync(GeographyCatalog catalog, CancellationToken ct) =>
        (await catalog.LatestZonesAsync(ct)).Keys.ToHashSet(StringComparer.Ordinal);

    private static ZoneView View(ZoneRecord zone, IReadOnlyList<Operation> operations) => new(
        zone.Version.Code, zone.Version.Name, zone.Version.Version, zone.Version.Origin, zone.Version.Retired, zone.Version.CreatedAt,
        Parse(zone.Version.Shape), Math.Round(MetricGeometry.SquareKilometres(zone.Shape.Geometry), 4),
        [.. operations.Where(o => o.Zones.Contains(zone.Version.Code)).Select(o => o.Id)]);

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>A visit object's fields as text; a field that is not text makes the visit null with <paramref name="error"/> naming it.</summary>
    private static PatrolSubmission? Submission(JsonElement e, out string? error)
    {
        string? problem = null;
        string? Text(string name)
        {
            if (!e.TryGetProperty(name, out var v)) return null;
            if (name == "sourceId" && v.ValueKind == JsonValueKind.Number)
            {
                if (JsonText.TryGetWholeNumber(v, out var id)) return id;
                problem ??= JsonText.NotAnIdReason(name);
                return null;
            }
            if (v.ValueKind == JsonValueKind.Number) return v.GetRawText();
            if (v.ValueKind != JsonValueKind.String) return null;
            if (JsonText.TryGetString(v, out var text)) return text;
            problem ??= JsonText.NotTextReason(name);
            return null;
        }
        var submission = new PatrolSubmission(Text("zone"), Text("start"), Text("end"), Text("officers"), Text("source"), Text("sourceId"), Text("method"));
        error = problem;
        return problem is null ? submission : null;
    }

    private static bool TryPeriod(string name, string? text, out EvaluationPeriod? period, out string? error)
    {
        period = null;
        error = null;
        if (text is null)
        {
            error = $"{name} is required when any period is given (yyyy-MM-dd..yyyy-MM-dd or yyyy-MM, several joined by ',')";
            return false;
        }
        var ranges = new List<DayRange>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!DayRange.TryParse(part, out var range))
            {
                error = $"{name} '{part}' is not yyyy-MM-dd..yyyy-MM-dd (last day included), yyyy-MM or yyyy-MM..yyyy-MM, from {Plausible}";
                return false;
            }
            ranges.Add(range);
        }
        var ordered = ranges.OrderBy(r => r.First).ToList();
        if (ordered.Count == 0 || ordered.Zip(ordered.Skip(1)).Any(p => p.First.End > p.Second.First))
        {
            error = $"{name} has no ranges, or ranges that overlap";
            return false;
        }
        period = new EvaluationPeriod(name, ordered);
        return true;
    }

    private static readonly string Plausible =
        $"{DayRange.EarliestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {DayRange.LatestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>Why a date parameter is not a plausible yyyy-MM-dd date, or null (with the date, or the fallback when it is absent).</summary>
    private static string? DateProblem(string name, string? text, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && DayRange.IsPlausible(date)
            ? null
            : $"{name} '{text}' is not a date (yyyy-MM-dd) from {Plausible}";
    }

    /// <summary>Room for any real place name; a name is shown in every list, popup and printed ranking.</summary>
    private const int MaxZoneName = 200;

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex ZoneCode();
}
