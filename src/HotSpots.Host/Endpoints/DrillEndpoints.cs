using HotSpots.Application.Drills;
using HotSpots.Host.Live;
using HotSpots.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;

namespace HotSpots.Host.Endpoints;

/// <summary>A drill as the API takes it: a scenario's name and, optionally, a different area, count or window.</summary>
public sealed record DrillPost(string? Scenario, string? Area, int? Count, double? WithinHours);

public sealed record DrillScenarioView(string Name, string Description, string Category, int Count, double WithinHours, string Area);

public static class DrillEndpoints
{
    public static IEndpointRouteBuilder MapDrillEndpoints(this IEndpointRouteBuilder app)
    {
        var drills = app.MapGroup("/api/drills").WithTags(ApiDocumentation.Drills);
        drills.MapGet("/scenarios", (DrillRunner runner) =>
                runner.Scenarios.OrderBy(s => s.Key, StringComparer.Ordinal)
                    .Select(s => new DrillScenarioView(s.Key, s.Value.Description, s.Value.Category, s.Value.Count, s.Value.Within.TotalHours, s.Value.Area)))
            .RequireAuthorization(SecurityExtensions.ViewerPolicy)
            .WithSummary("The drill scenarios an administrator can run");

        drills.MapPost("/", RunAsync)
            .RequireAuthorization(SecurityExtensions.AdminPolicy)
            .WithSummary("Inject a drill scenario's incidents, tagged as a drill");
        return app;
    }

    private static async Task<Results<Created<DrillRun>, ProblemHttpResult>> RunAsync(DrillPost? post, DrillRunner runner, IHubContext<HeatHub, IDashboardClient> hub, CancellationToken cancellationToken)
    {
        if (post?.Scenario is not { Length: > 0 } scenario)
            return TypedResults.Problem(statusCode: 400, title: "No scenario", detail: "Name a scenario: see GET /api/drills/scenarios.");
        // Checked here as well as by the runner: a number of hours too large for a TimeSpan cannot reach it.
        if (post.Count is { } count && count is < 1 or > DrillRunner.MaxCount)
            return TypedResults.Problem(statusCode: 400, title: "Invalid count", detail: $"count must be from 1 to {DrillRunner.MaxCount}, not {count}");
        if (post.WithinHours is { } hours && !(hours > 0 && hours <= DrillRunner.MaxWithin.TotalHours))
            return TypedResults.Problem(statusCode: 400, title: "Invalid window", detail: $"withinHours must be more than 0 and at most {DrillRunner.MaxWithin.TotalHours}");
        try
        {
            var run = await runner.RunAsync(
                new DrillRequest(scenario, post.Area, post.Count, post.WithinHours is { } h ? TimeSpan.FromHours(h) : null), cancellationToken);
            await hub.Clients.All.DrillRecorded(run);
            return TypedResults.Created($"/api/drills/{run.Id}", run);
        }
        catch (DrillException ex)
        {
            return TypedResults.Problem(statusCode: 422, title: "Drill not run", detail: ex.Message);
        }
    }
}
