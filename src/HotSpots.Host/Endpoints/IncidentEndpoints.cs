using System.Security.Claims;
using System.Text.Json;
using HotSpots.Application.Ingest;
using HotSpots.Host.Security;

namespace HotSpots.Host.Endpoints;

public sealed record IngestResponse(int Accepted, int Duplicates, int Rejected, IReadOnlyList<IngestItemResult> Items);

public static class IncidentEndpoints
{
    /// <summary>Items per request; larger loads belong to the import tool.</summary>
    public const int MaxItems = 10_000;

    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/incidents", PostAsync)
            .RequireAuthorization(SecurityExtensions.IngestPolicy)
            .WithBulkBody(app)
            .WithSummary("Record one incident or an array of incidents")
            .Accepts<JsonElement>("application/json")
            .Produces<IngestResponse>()
            .ProducesProblem(400)
            .ProducesProblem(401)
            .ProducesProblem(403)
            .ProducesProblem(422);
        return app;
    }

    private static async Task<IResult> PostAsync(HttpRequest request, ClaimsPrincipal caller, IncidentIngestor ingestor, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: 400, title: "Malformed JSON", detail: $"The body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (JsonText.DuplicateKey(root) is { } duplicate) return JsonText.DuplicateKeyProblem(duplicate);
            var elements = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => null,
            };
            if (elements is null || elements.Count == 0)
                return Results.Problem(statusCode: 400, title: "No incidents", detail: "Send one incident object or a non-empty array of them.");
            if (elements.Count > MaxItems)
                return Results.Problem(statusCode: 400, title: "Too many incidents",
                    detail: $"{elements.Count} items in one request; send at most {MaxItems} or use 'hotspots import'.");

            var readErrors = new string?[elements.Count];
            var submissions = elements.Select((e, i) => SubmissionReader.Read(e, out readErrors[i])).ToList();
            if (IngestSources.Refusal(caller, submissions.Select(s => s?.Source)) is { } refusal)
                return Results.Problem(statusCode: 403, title: "Source not allowed", detail: refusal);
            var results = (await ingestor.IngestAsync(submissions, cancellationToken))
                .Select(r => readErrors[r.Index] is { } error ? IngestItemResult.Rejected(r.Index, error) : r)
                .ToList();

            var response = new IngestResponse(
                results.Count(r => r.Status == IngestStatus.Accepted),
                results.Count(r => r.Status == IngestStatus.Duplicate),
                results.Count(r => r.Status == IngestStatus.Rejected),
                results);
            if (response.Rejected < results.Count) return Results.Ok(response);
            return Results.Problem(
                statusCode: 422,
                title: "No incident was accepted",
                detail: results.Count == 1 ? results[0].Reason : $"All {results.Count} items were rejected; see items for each reason.",
                extensions: new Dictionary<string, object?> { ["items"] = results });
        }
    }
}
