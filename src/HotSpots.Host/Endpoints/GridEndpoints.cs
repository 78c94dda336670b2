using System.Globalization;
using HotSpots.Application.Monitoring;
using HotSpots.Domain.Grid;
using HotSpots.Domain.Heat;
using HotSpots.Host.Security;

namespace HotSpots.Host.Endpoints;

public static class GridEndpoints
{
    public static IEndpointRouteBuilder MapGridEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/hotspots").RequireAuthorization(SecurityExtensions.ViewerPolicy).WithTags(ApiDocumentation.MicroPlaces);

        api.MapGet("/grid", async (string? set, string? group, string? window, string? month, string? at, string? cell, string? fdr, string? harm,
                GridService grid, TimeProvider time, CancellationToken ct) =>
            {
                if (HeatSelection.TryParse(set, group, window, month, at, time.GetUtcNow(), out var error) is not { } heat)
                    return Results.Problem(statusCode: 400, title: "Invalid grid selection", detail: error);
                if (!TryParseCell(cell, out var size, out error) || !TryParseFlag("fdr", fdr, out var falseDiscoveryRate, out error)
                    || !TryParseFlag("harm", harm, out var weighed, out error))
                    return Results.Problem(statusCode: 400, title: "Invalid grid selection", detail: error);
                var reading = await grid.GetAsync(new GridSelection(heat, size, falseDiscoveryRate ?? false, weighed), ct);
                return Results.Bytes(GridGeoJson.Write(reading), "application/geo+json");
            })
            .WithSummary("Getis–Ord Gi* hot and cold spots on British National Grid cells of an area set, as GeoJSON in WGS84 (cells with incidents or a significant score)");

        api.MapGet("/emerging", async (string? set, string? group, string? step, string? steps, string? month, string? cell, string? fdr, string? harm,
                GridService grid, TimeProvider time, CancellationToken ct) =>
            {
                if (HeatSelection.TryParse(set, group, HeatWindow.Month.Slug, month, time.GetUtcNow(), out var error) is not { } heat)
                    return Results.Problem(statusCode: 400, title: "Invalid emerging hot spot selection", detail: error);
                if (!TryParseStep(step, month, out var length, out error) || !TryParseSteps(steps, out var count, out error) || !TryParseCell(cell, out var size, out error)
                    || !TryParseFlag("fdr", fdr, out var falseDiscoveryRate, out error) || !TryParseFlag("harm", harm, out var weighed, out error))
                    return Results.Problem(statusCode: 400, title: "Invalid emerging hot spot selection", detail: error);
                var reading = await grid.GetEmergingAsync(new EmergingSelection(heat, length, count, size, falseDiscoveryRate ?? false, weighed), ct);
                return Results.Bytes(GridGeoJson.Write(reading), "application/geo+json");
            })
            .WithSummary("ArcGIS-style emerging hot spots: Gi* per month (or week) and a Mann–Kendall trend per cell, as GeoJSON in WGS84 (cells with a pattern or incidents)");

        return app;
    }

    private const int FewestSteps = 3;
    private const int MostSteps = 60;
    private const int DefaultSteps = 12;

    private static bool TryParseStep(string? text, string? month, out EmergingStep step, out string? error)
    {
        error = null;
        step = EmergingStep.Month;
        if (text is null or "month") return true;
        if (text == "week")
        {
            step = EmergingStep.Week;
            if (month is null) return true;
            error = "month goes with step=month: weekly steps end now";
            return false;
        }
        error = $"step '{text}' is not month or week";
        return false;
    }

    private static bool TryParseSteps(string? text, out int steps, out string? error)
    {
        error = null;
        steps = DefaultSteps;
        if (text is null) return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out steps) && steps is >= FewestSteps and <= MostSteps) return true;
        error = $"steps '{text}' is not a whole number from {FewestSteps} to {MostSteps}";
        return false;
    }

    private static bool TryParseCell(string? text, out CellSize size, out string? error)
    {
        size = CellSize.Default;
        error = null;
        if (text is null) return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var metres) && CellSize.IsAllowed(metres))
        {
            size = new CellSize(metres);
            return true;
        }
        error = $"cell '{text}' is not a whole number of metres from {CellSize.SmallestMetres} to {CellSize.LargestMetres}";
        return false;
    }

    private static bool TryParseFlag(string name, string? text, out bool? value, out string? error)
    {
        value = null;
        error = null;
        if (text is null) return true;
        if (bool.TryParse(text, out var flag))
        {
            value = flag;
            return true;
        }
        error = $"{name} '{text}' is not true or false";
        return false;
    }
}
