using HotSpots.Application.Areas;
using HotSpots.Application.Monitoring;
using HotSpots.Geography;
using HotSpots.Host.Alerts;
using HotSpots.Host.Security;
using HotSpots.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotSpots.Host.Endpoints;

/// <summary>
/// <paramref name="Store"/> is <c>live</c> or <c>replay</c>: a replay server shows replayed incidents only.
/// <paramref name="LatestMonth"/> (yyyy-MM) is the month of the latest incident stored, so a dashboard whose rolling
/// windows are empty (police.uk publishes months only, one to two months late) can open on the month that has data.
/// <paramref name="Replay"/>, on a replay store only, is the period its replayed incidents cover (their times as
/// replayed), so a screen can say what it is showing.
/// </summary>
public sealed record ServiceStatus(
    string Geography, string GeographyNote, int Wards, int Zones, long Incidents, long AppliedSequence, string Store, string? LatestMonth, ReplayPeriod? Replay);

/// <summary>The first and last replayed incident's time; null while the replay store is empty.</summary>
public sealed record ReplayPeriod(DateTimeOffset? From, DateTimeOffset? To);

/// <summary>An area's drill-down with its newest alerts (any status, up to 20).</summary>
public sealed record AreaDrillDownView(AreaDrillDown Area, IReadOnlyList<AlertView> Alerts);

public static class ReadingEndpoints
{
    public static IEndpointRouteBuilder MapReadingEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(SecurityExtensions.ViewerPolicy).WithTags(ApiDocumentation.Heat);

        api.MapGet("/areas", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string? set, string? wardSet, AreaGeoJson areas, MonitorDirectory monitors, WardSetHistory history, CancellationToken ct) =>
            {
                if (!AreaSet.TryParseName(set ?? "wards", out var kind))
                    return TypedResults.Problem(statusCode: 400, title: "Unknown area set", detail: $"set '{set}' is not wards or zones");
                var geography = monitors.Geography;
                if (wardSet is not null && kind == AreaSetKind.Wards)
                {
                    if (await history.GetAsync(wardSet, ct) is not { } old)
                        return TypedResults.Problem(statusCode: 404, title: "No such ward set", detail: $"there is no ward set '{wardSet}'; see GET /api/ward-sets");
                    geography = old.Geography;
                }
                return TypedResults.Bytes(areas.For(kind, geography), "application/geo+json");
            })
            .WithSummary("Ward or zone boundaries as a GeoJSON FeatureCollection (?wardSet= for a ward set that is not current)")
            .Produces<GeoJsonFeatureCollection>(200, "application/geo+json");

        api.MapGet("/heat", async Task<Results<Ok<HeatSnapshot>, ProblemHttpResult>> (string? set, string? group, string? window, string? month, string? at, string? wardSet,
                string? harm, string? locality, HeatService heat, WardSetHistory history, LocalityService localities, TimeProvider time, CancellationToken ct) =>
            {
                if (HeatSelection.TryParse(set, group, window, month, at, time.GetUtcNow(), out var error) is not { } selection)
                    return TypedResults.Problem(statusCode: 400, title: "Invalid heat selection", detail: error);
                bool? weighed = null;
                if (harm is not null)
                {
                    if (!bool.TryParse(harm, out var flag)) return TypedResults.Problem(statusCode: 400, title: "Invalid heat selection", detail: $"harm '{harm}' is not true or false");
                    weighed = flag;
                }
                MonitorSnapshot? old = null;
                if (wardSet is not null)
                {
                    if (selection.Set != AreaSetKind.Wards)
                        return TypedResults.Problem(statusCode: 400, title: "Invalid heat selection", detail: "wardSet goes with set=wards");
                    if ((old = await history.GetAsync(wardSet, ct)) is null)
                        return TypedResults.Problem(statusCode: 404, title: "No such ward set", detail: $"there is no ward set '{wardSet}'; see GET /api/ward-sets");
                }
                HashSet<string>? within = null;
                if (locality is not null)
                {
                    if (selection.Set != AreaSetKind.Wards)
                        return LocalityRefused(400, "locality goes with set=wards: a locality is a set of wards");
                    if (await localities.GetAsync(locality, ct) is not { Retired: false } chosen)
                        return LocalityRefused(422, $"there is no locality '{locality}' in force; see GET /api/localities");
                    within = [.. chosen.Wards];
                }
                return TypedResults.Ok(await heat.GetAsync(selection, cancellationToken: ct, wardSet: old, weighed: weighed, within: within));
            })
            .WithSummary("Observed, expected and heat score of every area for a category group and window (?at= for an hour of the last 7 days; ?wardSet= for a ward set that is not current; ?harm=true|false weighs each incident by its category's harm; ?locality=CODE only that locality's wards)");

        api.MapGet("/areas/{set}/{code}", async Task<Results<Ok<AreaDrillDownView>, ProblemHttpResult>> (string set, string code, string? group, string? window, string? month, string? at,
                HeatService heat, IAlertStore alerts, TimeProvider time, CancellationToken ct) =>
            {
                if (HeatSelection.TryParse(set, group, window, month, at, time.GetUtcNow(), out var error) is not { } selection)
                    return TypedResults.Problem(statusCode: 400, title: "Invalid heat selection", detail: error);
                if (await heat.GetDrillDownAsync(selection, code) is not { } drillDown)
                    return TypedResults.Problem(statusCode: 404, title: "No such area", detail: $"there is no area '{code}' in {selection.SetName}");
                var areaAlerts = await alerts.QueryAsync(new AlertQuery(AreaCode: code, Limit: 20), ct);
                return TypedResults.Ok(new AreaDrillDownView(drillDown, [.. areaAlerts.Select(AlertView.Of)]));
            })
            .WithSummary("One area's drill-down: counts by category, daily (28 days) and monthly (12 months) trends, repeat locations and alerts");

        api.MapGet("/status", async Task<Ok<ServiceStatus>> (MonitorDirectory monitors, IIncidentStore store, ILogPosition tailer, CancellationToken ct) =>
            {
                var geography = monitors.Geography;
                var latest = await store.LatestOccurredAtAsync(null, ct);
                var replay = store.Purpose == StorePurpose.Replay ? new ReplayPeriod(await FirstOccurredAtAsync(store, ct), latest) : null;
                return TypedResults.Ok(new ServiceStatus(geography.Mode, geography.Note, geography.Wards.Areas.Count, geography.Zones.Areas.Count,
                    await store.CountAsync(ct), tailer.AppliedSequence, replay is null ? "live" : "replay",
                    latest?.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), replay));
            })
            .WithSummary("Which geography is loaded and how much is stored");

        return app;
    }

    /// <summary>The earliest incident's time: the log read in time order, stopping at its first row.</summary>
    /// <summary>A refusal naming <c>locality</c> in <c>errors</c>, as the report endpoints name their parameters.</summary>
    private static ProblemHttpResult LocalityRefused(int status, string reason) => TypedResults.Problem(
        statusCode: status, title: "Invalid heat selection", detail: reason,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["locality"] = [reason] } });

    private static async Task<DateTimeOffset?> FirstOccurredAtAsync(IIncidentStore store, CancellationToken cancellationToken)
    {
        await foreach (var incident in store.ReadIncidentsAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, cancellationToken)) return incident.OccurredAt.Start;
        return null;
    }
}
