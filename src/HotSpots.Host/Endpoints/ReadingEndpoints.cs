using System.Collections.Concurrent;
using System.Text.Json;
using HotSpots.Application.Monitoring;
using HotSpots.Geography;
using HotSpots.Host.Alerts;
using HotSpots.Host.Security;
using HotSpots.Store;
using NetTopologySuite.Geometries;

namespace HotSpots.Host.Endpoints;

/// <summary><paramref name="Store"/> is <c>live</c> or <c>replay</c>: a replay server shows replayed incidents only.</summary>
public sealed record ServiceStatus(string Geography, string GeographyNote, int Wards, int Zones, long Incidents, long AppliedSequence, string Store);

/// <summary>An area's drill-down with its newest alerts (any status, up to 20).</summary>
public sealed record AreaDrillDownView(AreaDrillDown Area, IReadOnlyList<AlertView> Alerts);

public static class ReadingEndpoints
{
    public static IEndpointRouteBuilder MapReadingEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(SecurityExtensions.ViewerPolicy);

        api.MapGet("/areas", (string? set, AreaGeoJson areas) =>
            AreaSet.TryParseName(set ?? "wards", out var kind)
                ? Results.Bytes(areas.For(kind), "application/geo+json")
                : Results.Problem(statusCode: 400, title: "Unknown area set", detail: $"set '{set}' is not wards or zones"))
            .WithSummary("Ward or zone boundaries as a GeoJSON FeatureCollection");

        api.MapGet("/heat", async (string? set, string? group, string? window, string? month, string? at, HeatService heat, TimeProvider time, CancellationToken ct) =>
            HeatSelection.TryParse(set, group, window, month, at, time.GetUtcNow(), out var error) is { } selection
                ? Results.Ok(await heat.GetAsync(selection, cancellationToken: ct))
                : Results.Problem(statusCode: 400, title: "Invalid heat selection", detail: error))
            .WithSummary("Observed, expected and heat score of every area for a category group and window (?at= for an hour of the last 7 days)")
            .Produces<HeatSnapshot>();

        api.MapGet("/areas/{set}/{code}", async (string set, string code, string? group, string? window, string? month, string? at,
                HeatService heat, IAlertStore alerts, TimeProvider time, CancellationToken ct) =>
            {
                if (HeatSelection.TryParse(set, group, window, month, at, time.GetUtcNow(), out var error) is not { } selection)
                    return Results.Problem(statusCode: 400, title: "Invalid heat selection", detail: error);
                if (await heat.GetDrillDownAsync(selection, code) is not { } drillDown)
                    return Results.Problem(statusCode: 404, title: "No such area", detail: $"there is no area '{code}' in {selection.SetName}");
                var areaAlerts = await alerts.QueryAsync(new AlertQuery(AreaCode: code, Limit: 20), ct);
                return Results.Ok(new AreaDrillDownView(drillDown, [.. areaAlerts.Select(AlertView.Of)]));
            })
            .WithSummary("One area's drill-down: counts by category, daily (28 days) and monthly (12 months) trends, repeat locations and alerts")
            .Produces<AreaDrillDownView>();

        api.MapGet("/status", async (GeographyModel geography, IIncidentStore store, IncidentLogTailer tailer, CancellationToken ct) =>
            new ServiceStatus(geography.Mode, GeographyNote(geography), geography.Wards.Areas.Count, geography.Zones.Areas.Count,
                await store.CountAsync(ct), tailer.AppliedSequence, store.Purpose == StorePurpose.Replay ? "replay" : "live"))
            .WithSummary("Which geography is loaded and how much is stored");

        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static string GeographyNote(GeographyModel geography) => geography.IsDemo
        ? "Demo geography: Thurrock's 20 wards with real names and codes but approximate shapes. Configure HotSpots:Geography:Wards:Files for real boundaries."
        : "Configured boundary files.";

}

/// <summary>Boundaries do not change while the service runs, so each set is serialised once.</summary>
public sealed class AreaGeoJson(GeographyModel geography)
{
    private readonly ConcurrentDictionary<AreaSetKind, byte[]> _cache = new();

    public byte[] For(AreaSetKind kind) => _cache.GetOrAdd(kind, Serialise);

    private byte[] Serialise(AreaSetKind kind)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteString("set", kind == AreaSetKind.Wards ? "wards" : "zones");
            json.WriteString("geography", geography.Mode);
            json.WriteString("note", ReadingEndpoints.GeographyNote(geography));
            json.WriteStartArray("features");
            foreach (var area in geography.Set(kind).Areas)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteString("id", area.Code);
                json.WriteStartObject("properties");
                json.WriteString("code", area.Code);
                json.WriteString("name", area.Name);
                json.WriteEndObject();
                json.WritePropertyName("geometry");
                GeoJsonWriter.WriteGeometry(json, area.Geometry);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
