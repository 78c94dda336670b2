using System.Security.Claims;
using HotSpots.Application.Alerts;
using HotSpots.Application.Telemetry;
using HotSpots.Domain.Alerts;
using HotSpots.Domain.Evaluation;
using HotSpots.Domain.Incidents;
using HotSpots.Grains;
using HotSpots.Host.Endpoints;
using HotSpots.Host.Security;
using HotSpots.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotSpots.Host.Alerts;

/// <summary>An analyst's optional note when acknowledging or resolving.</summary>
public sealed record AlertNote(string? Note);

public sealed record AlertRuleView(string Id, AlertRuleOptions Rule);

public static class AlertEndpoints
{
    public const int MaxNoteLength = 500;

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").RequireAuthorization(SecurityExtensions.ViewerPolicy).WithTags(ApiDocumentation.Alerts);
        alerts.MapGet("/", ListAsync).WithSummary("Alerts, newest first: ?status=open|acknowledged|resolved&area=CODE&group=G&since=ISO");
        alerts.MapGet("/{id}", async Task<Results<Ok<AlertView>, ProblemHttpResult>> (string id, IAlertStore store, CancellationToken ct) =>
                await store.GetAsync(id, ct) is { } alert
                    ? TypedResults.Ok(AlertView.Of(alert))
                    : TypedResults.Problem(statusCode: 404, title: "No such alert", detail: $"there is no alert '{id}'"))
            .WithSummary("One alert with every method's evidence");
        alerts.MapPost("/{id}/acknowledge", (string id, AlertNote? note, IGrainFactory grains, IAlertStore store, ClaimsPrincipal user, HotSpotsMetrics metrics, CancellationToken ct) =>
                HandleAsync(id, note, user, store, async (who, text) => metrics.AlertAcknowledged(await Desk(grains).AcknowledgeAsync(id, who, text)), ct))
            .RequireAuthorization(SecurityExtensions.AnalystPolicy).WithSummary("Acknowledge an active alert, with an optional note");
        alerts.MapPost("/{id}/resolve", (string id, AlertNote? note, IGrainFactory grains, IAlertStore store, ClaimsPrincipal user, CancellationToken ct) =>
                HandleAsync(id, note, user, store, (who, text) => Desk(grains).ResolveAsync(id, who, text), ct))
            .RequireAuthorization(SecurityExtensions.AnalystPolicy).WithSummary("Resolve an active alert, with an optional note");

        app.MapGet("/api/webhooks/dead-letters", async (IAlertStore store, CancellationToken ct) => TypedResults.Ok(await store.DeadLettersAsync(ct)))
            .RequireAuthorization(SecurityExtensions.AdminPolicy).WithTags(ApiDocumentation.Alerts).WithSummary("Webhook deliveries that kept failing");

        var rules = app.MapGroup("/api/alert-rules").WithTags(ApiDocumentation.AlertRules);
        rules.MapGet("/", async (IGrainFactory grains) => TypedResults.Ok<IEnumerable<AlertRuleView>>(
                AlertRuleJson.ReadAll(await Desk(grains).RulesAsync()).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new AlertRuleView(r.Key, r.Value))))
            .RequireAuthorization(SecurityExtensions.ViewerPolicy).WithSummary("The alert rules in force (configuration, defaults and admin changes)");
        rules.MapPut("/{id}", async Task<Results<Ok<AlertRuleView>, ProblemHttpResult>> (string id, AlertRuleOptions rule, IGrainFactory grains) =>
                await Desk(grains).SetRuleAsync(id, AlertRuleJson.Write(rule)) is { } problem
                    ? TypedResults.Problem(statusCode: 422, title: "Rule not accepted", detail: problem)
                    : TypedResults.Ok(new AlertRuleView(id, rule)))
            .RequireAuthorization(SecurityExtensions.AdminPolicy).WithSummary("Add or replace an alert rule");
        rules.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, IGrainFactory grains) =>
            {
                if (!AlertRuleJson.ReadAll(await Desk(grains).RulesAsync()).ContainsKey(id))
                    return TypedResults.Problem(statusCode: 404, title: "No such rule", detail: $"there is no rule '{id}'");
                await Desk(grains).SetRuleAsync(id, null);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(SecurityExtensions.AdminPolicy).WithSummary("Remove an alert rule");
        return app;
    }

    private static async Task<Results<Ok<List<AlertView>>, ProblemHttpResult>> ListAsync(string? status, string? area, string? group, DateTimeOffset? since, IAlertStore store, CancellationToken ct)
    {
        AlertStatus? wanted = status switch
        {
            null => null,
            "open" => AlertStatus.Open,
            "acknowledged" => AlertStatus.Acknowledged,
            "resolved" => AlertStatus.Resolved,
            _ => (AlertStatus)(-1),
        };
        if (wanted == (AlertStatus)(-1))
            return TypedResults.Problem(statusCode: 400, title: "Unknown status", detail: $"status '{status}' is not open, acknowledged or resolved");
        if (group is not null && !CategoryGroup.TryParse(group, out _))
            return TypedResults.Problem(statusCode: 400, title: "Unknown group", detail: $"group '{group}' is not asb, deliberate-fires, violence, all or a category");
        if (since is { } from && !DayRange.IsPlausible(DateOnly.FromDateTime(from.UtcDateTime)))
            return TypedResults.Problem(statusCode: 400, title: "Invalid date",
                detail: $"since {from.UtcDateTime:yyyy-MM-dd} is not from {DayRange.EarliestDate:yyyy-MM-dd} to {DayRange.LatestDate:yyyy-MM-dd}");
        var alerts = await store.QueryAsync(new AlertQuery(wanted, area, group, since), ct);
        return TypedResults.Ok(alerts.Select(AlertView.Of).ToList());
    }

    /// <summary>The cluster's one alert desk, wherever it runs: acknowledgements and rule changes on any node go there.</summary>
    private static IAlertDeskGrain Desk(IGrainFactory grains) => grains.GetGrain<IAlertDeskGrain>(0);

    private static async Task<Results<Ok<AlertView>, ProblemHttpResult>> HandleAsync(string id, AlertNote? note, ClaimsPrincipal user, IAlertStore store, Func<string, string?, Task<bool>> action, CancellationToken ct)
    {
        var text = string.IsNullOrWhiteSpace(note?.Note) ? null : note.Note.Trim();
        if (text is { Length: > MaxNoteLength })
            return TypedResults.Problem(statusCode: 400, title: "Note too long", detail: $"a note is at most {MaxNoteLength} characters");
        var who = user.Identity?.Name ?? "analyst";
        // The desk stores a change before it answers, so the store has the alert as it now stands.
        return await action(who, text) && await store.GetAsync(id, ct) is { } alert
            ? TypedResults.Ok(AlertView.Of(alert))
            : TypedResults.Problem(statusCode: 404, title: "No such active alert", detail: $"there is no open or acknowledged alert '{id}'");
    }
}
