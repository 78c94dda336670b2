using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotSpots.Host.Endpoints;

/// <summary>A bulk post's answer: how many items were accepted, were duplicates or were rejected, and each item's outcome.</summary>
public sealed record BulkResponse<TItem>(int Accepted, int Duplicates, int Rejected, IReadOnlyList<TItem> Items);

/// <summary>What a bulk post calls its items, for its refusals: "incident" and "incidents", say.</summary>
internal sealed record BulkNouns(string One, string Many);

/// <summary>
/// The shape every bulk post shares (incidents, patrol visits): one JSON object or an array of at most
/// <see cref="MaxItems"/>, each item answered on its own, and 422 with every item's reason when none was taken.
/// </summary>
internal static class BulkPost
{
    /// <summary>Items per request; larger loads belong to the import tool.</summary>
    public const int MaxItems = 10_000;

    /// <param name="handle">
    /// Turns the items (alive only during the call) into one outcome each, in order, or refuses the whole request.
    /// </param>
    /// <param name="status">An outcome's status: <c>accepted</c>, <c>duplicate</c> or <c>rejected</c>.</param>
    /// <param name="reason">Why an outcome was rejected.</param>
    public static async Task<Results<Ok<BulkResponse<TItem>>, ProblemHttpResult>> HandleAsync<TItem>(
        HttpRequest request, BulkNouns nouns, Func<IReadOnlyList<JsonElement>, Task<(IReadOnlyList<TItem>? Items, ProblemHttpResult? Refusal)>> handle,
        Func<TItem, string> status, Func<TItem, string?> reason, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(statusCode: 400, title: "Malformed JSON", detail: $"The body is not valid JSON: {ex.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (JsonText.DuplicateKey(root) is { } duplicate) return JsonText.DuplicateKeyProblem(duplicate);
            List<JsonElement> elements = root.ValueKind switch
            {
                JsonValueKind.Array => [.. root.EnumerateArray()],
                JsonValueKind.Object => [root],
                _ => [],
            };
            if (elements.Count == 0)
                return TypedResults.Problem(statusCode: 400, title: $"No {nouns.Many}", detail: $"Send one {nouns.One} object or a non-empty array of them.");
            if (elements.Count > MaxItems)
                return TypedResults.Problem(statusCode: 400, title: $"Too many {nouns.Many}",
                    detail: $"{elements.Count} items in one request; send at most {MaxItems} or use 'hotspots import'.");
            var (results, refusal) = await handle(elements);
            if (refusal is not null) return refusal;
            var response = new BulkResponse<TItem>(results!.Count(r => status(r) == "accepted"), results!.Count(r => status(r) == "duplicate"),
                results!.Count(r => status(r) == "rejected"), results!);
            if (response.Rejected < results!.Count) return TypedResults.Ok(response);
            return TypedResults.Problem(statusCode: 422, title: $"No {nouns.One} was accepted",
                detail: results.Count == 1 ? reason(results[0]) : $"All {results.Count} items were rejected; see items for each reason.",
                extensions: new Dictionary<string, object?> { ["items"] = results });
        }
    }
}
