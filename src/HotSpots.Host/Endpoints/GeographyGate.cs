using HotSpots.Application.Areas;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotSpots.Host.Endpoints;

/// <summary>
/// The one answer to "this node is still applying a geography change": what reads zones, layouts or evaluations waits
/// (up to <see cref="GeographyEditor.MaxWait"/>) for the latest stored change, then answers 503 if it is still not applied.
/// </summary>
internal static class GeographyGate
{
    public static RouteHandlerBuilder RequireAppliedGeography(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter(async (context, next) =>
            await context.HttpContext.RequestServices.GetRequiredService<GeographyEditor>().WaitForAppliedAsync(null, context.HttpContext.RequestAborted)
                ? await next(context)
                : StillApplying(null))
        .ProducesProblem(503);

    public static ProblemHttpResult StillApplying(long? revision) => TypedResults.Problem(statusCode: 503, title: "Still re-assigning",
        detail: revision is null ? "the latest geography change is still being applied; ask again" : $"revision {revision} is not applied yet; ask again");
}
