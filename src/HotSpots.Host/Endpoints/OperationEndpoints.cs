using System.Text;
using System.Text.Json;
using HotSpots.Application.Areas;
using HotSpots.Application.Evaluation;
using HotSpots.Application.Monitoring;
using HotSpots.Application.Patrols;
using HotSpots.Domain.Evaluation;
using HotSpots.Host.Security;
using HotSpots.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotSpots.Host.Endpoints;

/// <summary>Zones, operations, patrols, ward sets and evaluations: the operation leads' API, mapped onto <see cref="GeographyEditor"/>.</summary>
public static class OperationEndpoints
{
    private static readonly BulkNouns Visits = new("patrol visit", "patrol visits");

    public static IEndpointRouteBuilder MapOperationEndpoints(this IEndpointRouteBuilder app)
    {
        var viewer = app.MapGroup("/api").RequireAuthorization(SecurityExtensions.ViewerPolicy);
        var admin = app.MapGroup("/api").RequireAuthorization(SecurityExtensions.AdminPolicy);
        // Zones and operations are the analysts' and operation leads' day-to-day work, not the system's set-up: see
        // README's "Who may do what". Ward sets change every area's history and stay with administrators.
        var analyst = app.MapGroup("/api").RequireAuthorization(SecurityExtensions.AnalystPolicy);
        var ingest = app.MapGroup("/api").RequireAuthorization(SecurityExtensions.IngestPolicy);

        viewer.MapGet("/geography", GeographyAsync).WithTags(ApiDocumentation.Geography)
            .WithSummary("The geography revision stored and applied here (?revision=N waits up to 30 s until N is applied)");

        viewer.MapGet("/zones", async (bool? all, GeographyEditor editor, CancellationToken ct) => TypedResults.Ok(await editor.ZonesAsync(all == true, ct)))
            .WithTags(ApiDocumentation.Zones).WithSummary("Live zones (?all=true: retired ones too)");
        viewer.MapGet("/zones/{code}", async Task<Results<Ok<ZoneView>, ProblemHttpResult>> (string code, GeographyEditor editor, CancellationToken ct) =>
                await editor.ZoneAsync(code, ct) is { } zone ? TypedResults.Ok(zone) : NotFound("No such zone", $"there is no zone '{code}'"))
            .WithTags(ApiDocumentation.Zones).WithSummary("A zone with every version of it");
        analyst.MapPut("/zones/{code}", async (string code, ZonePut? body, GeographyEditor editor, CancellationToken ct) => Answer(await editor.PutZoneAsync(code, body, ct)))
            .WithTags(ApiDocumentation.Zones).WithSummary("Create or change a zone (a new version); history is re-assigned in the background");
        analyst.MapDelete("/zones/{code}", async (string code, GeographyEditor editor, CancellationToken ct) => Answer(await editor.RetireZoneAsync(code, ct)))
            .WithTags(ApiDocumentation.Zones).WithSummary("Retire a zone (a retired version; its history is kept)");

        viewer.MapGet("/operations", async (IOperationStore store, CancellationToken ct) => TypedResults.Ok(await store.OperationsAsync(ct)))
            .WithTags(ApiDocumentation.Operations).WithSummary("Every operation");
        viewer.MapGet("/operations/{id}", async Task<Results<Ok<Operation>, ProblemHttpResult>> (string id, GeographyEditor editor, CancellationToken ct) =>
                await editor.OperationAsync(id, ct) is { } operation ? TypedResults.Ok(operation) : NotFound("No such operation", $"there is no operation '{id}'"))
            .WithTags(ApiDocumentation.Operations).WithSummary("One operation");
        analyst.MapPut("/operations/{id}", PutOperationAsync).WithTags(ApiDocumentation.Operations).WithSummary("Create or change an operation")
            .Accepts<Operation>("application/json").ProducesProblem(415);
        analyst.MapDelete("/operations/{id}", async (string id, GeographyEditor editor, CancellationToken ct) => Answer(await editor.DeleteOperationAsync(id, ct)))
            .WithTags(ApiDocumentation.Operations).WithSummary("Delete an operation (its zones and patrols stay)");
        viewer.MapGet("/operations/{id}/evaluation", EvaluateAsync).RequireAppliedGeography()
            .WithTags(ApiDocumentation.Operations)
            .WithSummary("Evaluate an operation: R/D/C counts and rates, gross and net effect, WDD, WDQ, dosage, zone ranking (?format=csv to export)")
            .Produces<string>(200, "text/csv");
        viewer.MapGet("/operations/{id}/layout", LayoutAsync).RequireAppliedGeography()
            .WithTags(ApiDocumentation.Operations)
            .WithSummary("An operation's evaluation areas as GeoJSON: each zone, its buffer ring, and what the control leaves out")
            .Produces<GeoJsonFeatureCollection>(200, "application/geo+json");

        ingest.MapPost("/patrols", PostPatrolsAsync).WithBulkBody(app).WithTags(ApiDocumentation.Patrols).WithSummary("Record patrol visits (one or an array)")
            .Accepts<PatrolSubmission[]>("application/json").ProducesProblem(400).ProducesProblem(422);
        ingest.MapPost("/patrols/import", ImportPatrolsAsync).WithBulkBody(app).WithTags(ApiDocumentation.Patrols)
            .WithSummary("Import a patrol log CSV (zone,start,end,officers[,source,sourceId,method])")
            .Accepts<string>("text/csv");
        viewer.MapGet("/patrols", PatrolsAsync).WithTags(ApiDocumentation.Patrols).WithSummary("Patrol visits (?zone=&from=&to=, dates; default the last 28 days)");

        viewer.MapGet("/ward-sets", async (GeographyEditor editor, CancellationToken ct) => TypedResults.Ok(await editor.WardSetsAsync(ct)))
            .WithTags(ApiDocumentation.WardSets).WithSummary("The ward sets that can be chosen, and which is current");
        admin.MapPost("/ward-sets", async Task<Results<Created<WardSetView>, ProblemHttpResult>> (WardSetPost? body, GeographyEditor editor, CancellationToken ct) =>
                await editor.AddWardSetAsync(body, ct) switch
                {
                    GeographyEdit.Loaded { WardSet: var set } => TypedResults.Created($"/api/ward-sets/{set.Id}", set),
                    GeographyEdit.Refused refused => Problem(refused),
                    var other => throw new InvalidOperationException($"no answer for {other}"),
                })
            .WithBulkBody(app).WithTags(ApiDocumentation.WardSets).WithSummary("Load a new ward set (GeoJSON FeatureCollection)");
        admin.MapPost("/ward-sets/{id}/current", async (string id, GeographyEditor editor, CancellationToken ct) => Answer(await editor.MakeWardSetCurrentAsync(id, ct)))
            .WithTags(ApiDocumentation.WardSets).WithSummary("Make a ward set current; history is re-assigned from stored coordinates");
        return app;
    }

    private static async Task<Results<Ok<GeographyStatus>, ProblemHttpResult>> GeographyAsync(long? revision, IOperationStore store, GeographyEditor editor, CancellationToken ct)
    {
        if (revision is { } wanted)
        {
            // A revision no change has made yet would only be waited for in vain.
            var stored = await store.GeographyRevisionAsync(ct);
            if (wanted < 0 || wanted > stored)
                return TypedResults.Problem(statusCode: 400, title: "Invalid revision", detail: $"revision {wanted} is not from 0 to {stored}, the latest stored");
            if (!await editor.WaitForAppliedAsync(wanted, ct)) return GeographyGate.StillApplying(wanted);
        }
        return TypedResults.Ok(await editor.StatusAsync(ct));
    }

    private static async Task<Results<Ok<GeographyAccepted>, Accepted<GeographyAccepted>, ProblemHttpResult>> PutOperationAsync(
        string id, HttpRequest request, GeographyEditor editor, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return TypedResults.Problem(statusCode: 415, title: "Not JSON", detail: "Send the operation as application/json.");
        Operation? operation;
        try
        {
            operation = await request.ReadFromJsonAsync<Operation>(ct);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(statusCode: 400, title: "Malformed operation", detail: $"The body is not an operation: {ex.Message}");
        }
        if (operation is null) return TypedResults.Problem(statusCode: 400, title: "Malformed operation", detail: "The body is empty.");
        return Answer(await editor.PutOperationAsync(id, operation, ct));
    }

    private static async Task<Results<Ok<OperationEvaluation>, FileContentHttpResult, ProblemHttpResult>> EvaluateAsync(
        string id, string? group, string? before, string? during, string? after, string? format, EvaluationService evaluations, CancellationToken ct)
    {
        if (format is not (null or "json" or "csv"))
            return TypedResults.Problem(statusCode: 400, title: "Invalid format", detail: $"format '{format}' is not json or csv");
        if (!PeriodQuery.TryParsePeriods(before, during, after, out var periods, out var error))
            return TypedResults.Problem(statusCode: 400, title: "Invalid periods", detail: error);
        try
        {
            var evaluation = await evaluations.EvaluateAsync(id, group, periods, ct);
            return format == "csv"
                ? TypedResults.File(Encoding.UTF8.GetBytes(EvaluationCsv.Write(evaluation)), "text/csv", $"{evaluation.Operation}-{evaluation.Group}-evaluation.csv")
                : TypedResults.Ok(evaluation);
        }
        catch (EvaluationException ex)
        {
            return TypedResults.Problem(statusCode: ex.NotFound ? 404 : 422, title: "No evaluation", detail: ex.Message);
        }
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> LayoutAsync(string id, MonitorDirectory monitors)
    {
        var geography = monitors.Geography;
        return geography.Layout(id) is { } layout
            ? TypedResults.Bytes(layout.ToGeoJson(geography.Zones), "application/geo+json")
            : NotFound("No such operation", $"there is no operation '{id}'");
    }

    private static Task<Results<Ok<BulkResponse<PatrolItemResult>>, ProblemHttpResult>> PostPatrolsAsync(
        HttpRequest request, PatrolInput patrols, GeographyEditor editor, CancellationToken ct) =>
        BulkPost.HandleAsync<PatrolItemResult>(request, Visits, async elements =>
        {
            var readErrors = new string?[elements.Count];
            List<PatrolSubmission?> items = [.. elements.Select((e, i) => e.ValueKind == JsonValueKind.Object ? Submission(e, out readErrors[i]) : null)];
            IReadOnlyList<PatrolItemResult> results = [.. (await patrols.SubmitAsync(items, await editor.KnownZonesAsync(ct), ct))
                .Select(r => readErrors[r.Index] is { } error ? r with { Reason = error } : r)];
            return (results, null);
        }, r => r.Status, r => r.Reason, ct);

    private static async Task<Results<Ok<PatrolImportReport>, ProblemHttpResult>> ImportPatrolsAsync(
        HttpRequest request, string? file, PatrolInput patrols, GeographyEditor editor, CancellationToken ct)
    {
        try
        {
            // The CSV reader reads synchronously; a request body may not be, so it is buffered first (patrol logs are small).
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            body.Position = 0;
            return TypedResults.Ok(await patrols.ImportCsvAsync(body, file ?? "upload.csv", await editor.KnownZonesAsync(ct), ct));
        }
        catch (PatrolImportException ex)
        {
            return TypedResults.Problem(statusCode: 422, title: "Patrol log not imported", detail: ex.Message);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<PatrolVisit>>, ProblemHttpResult>> PatrolsAsync(
        string? zone, string? from, string? to, IOperationStore store, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!PeriodQuery.TryParseDays(from, to, today.AddDays(-28), today, out var first, out var last, out var error))
            return TypedResults.Problem(statusCode: 400, title: "Invalid dates", detail: error);
        return TypedResults.Ok(await store.PatrolsAsync(zone, new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), ct));
    }

    /// <summary>A change's answer: 202 with where to wait for it when stored, 200 when it was already so.</summary>
    private static Results<Ok<GeographyAccepted>, Accepted<GeographyAccepted>, ProblemHttpResult> Answer(GeographyEdit edit) => edit switch
    {
        GeographyEdit.Stored { Accepted: var accepted } => TypedResults.Accepted($"/api/geography?revision={accepted.Revision}", accepted),
        GeographyEdit.Unchanged { Accepted: var accepted } => TypedResults.Ok(accepted),
        GeographyEdit.Refused refused => Problem(refused),
        _ => throw new InvalidOperationException($"no answer for {edit}"),
    };

    /// <summary>
    /// A refusal that names every problem (<c>problems</c>) and, as <c>errors</c>, groups them by the field they are
    /// about, as ASP.NET Core's validation problems do: the dashboard's form shows each beside its field.
    /// </summary>
    private static ProblemHttpResult Problem(GeographyEdit.Refused refused) => TypedResults.Problem(
        statusCode: refused.Kind switch
        {
            RefusalKind.Malformed => 400,
            RefusalKind.NotFound => 404,
            RefusalKind.Conflict => 409,
            _ => 422,
        },
        title: refused.Title, detail: refused.Detail,
        extensions: refused.Problems is not { } problems ? null : new Dictionary<string, object?>
        {
            ["problems"] = problems.Select(p => p.Message).ToList(),
            ["errors"] = problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToList()),
        });

    private static ProblemHttpResult NotFound(string title, string detail) => TypedResults.Problem(statusCode: 404, title: title, detail: detail);

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
}
