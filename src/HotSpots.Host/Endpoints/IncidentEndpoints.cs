using System.Security.Claims;
using HotSpots.Application.Ingest;
using HotSpots.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotSpots.Host.Endpoints;

public static class IncidentEndpoints
{
    private static readonly BulkNouns Nouns = new("incident", "incidents");

    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/incidents", PostAsync)
            .RequireAuthorization(SecurityExtensions.IngestPolicy)
            .WithTags(ApiDocumentation.Incidents)
            .WithBulkBody(app)
            .WithSummary("Record one incident or an array of incidents")
            .Accepts<IncidentSubmission[]>("application/json")
            .ProducesProblem(400)
            .ProducesProblem(403)
            .ProducesProblem(422);
        return app;
    }

    private static Task<Results<Ok<BulkResponse<IngestItemResult>>, ProblemHttpResult>> PostAsync(
        HttpRequest request, ClaimsPrincipal caller, IncidentIngestor ingestor, CancellationToken cancellationToken) =>
        BulkPost.HandleAsync<IngestItemResult>(request, Nouns, async elements =>
        {
            var readErrors = new string?[elements.Count];
            var submissions = elements.Select((e, i) => SubmissionReader.Read(e, out readErrors[i])).ToList();
            if (IngestSources.Refusal(caller, submissions.Select(s => s?.Source)) is { } refusal)
                return (null, TypedResults.Problem(statusCode: 403, title: "Source not allowed", detail: refusal));
            IReadOnlyList<IngestItemResult> results = [.. (await ingestor.IngestAsync(submissions, cancellationToken))
                .Select(r => readErrors[r.Index] is { } error ? IngestItemResult.Rejected(r.Index, error) : r)];
            return (results, null);
        }, r => r.Status.ToString().ToLowerInvariant(), r => r.Reason, cancellationToken);
}
