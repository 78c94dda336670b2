using System.Globalization;
using HotSpots.Application.Monitoring;
using HotSpots.Domain.Grid;
using HotSpots.Domain.Heat;
using HotSpots.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

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
                return Results.Bytes(GridGeoJson.Shared(reading), "application/geo+json");
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

        api.MapGet("/streets", async Task<Results<Ok<HotStreetsView>, ProblemHttpResult>> (string? ward, string? group, string? window, string? month, string? at, string? cell,
                HotStreetsService streets, TimeProvider time, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(ward))
                    return TypedResults.Problem(statusCode: 400, title: "Invalid hot streets selection", detail: "ward is required: a ward code of the current set");
                if (HeatSelection.TryParse(null, group, window, month, at, time.GetUtcNow(), out var error) is not { } heat || !TryParseCell(cell, out var size, out error))
                    return TypedResults.Problem(statusCode: 400, title: "Invalid hot streets selection", detail: error);
                if (streets.Unknown([ward]).Count > 0)
                    return TypedResults.Problem(statusCode: 400, title: "Invalid hot streets selection", detail: $"ward '{ward}' is not a ward of the current set");
                var reading = await streets.GetAsync(new HotStreetsSelection(heat, [ward], size), ct);
                return TypedResults.Ok(HotStreetsView.Of(reading));
            })
            .WithSummary("Hot streets of a ward: the repeat locations (published location descriptions) inside its cells that Gi* finds hot at 95% or more, with counts");

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

/// <summary>The hot streets answer: the selection, the confidence the cells were hot at, and each street with its cell's class in words.</summary>
public sealed record HotStreetsView(
    string Ward, string Group, string Window, string? Month, int Cell, int LeastConfidence, int HotCells, IReadOnlyList<HotStreetView> Streets)
{
    public static HotStreetsView Of(HotStreetsReading reading)
    {
        var selection = reading.Selection;
        return new(string.Join(",", selection.Wards), selection.Heat.Group.Slug, selection.Heat.Window.Slug, selection.Heat.MonthText, selection.Size.Metres,
            HotStreetRule.LeastConfidence, reading.HotCells,
            [.. reading.Streets.Select(s => new HotStreetView(s.Location, s.Count, s.Ward, s.Easting, s.Northing, s.Bin, CellScore.Describe(s.Bin)))]);
    }
}

/// <summary>One hot street: its description, count, and the cell (south-west corner, BNG metres) it is counted in.</summary>
public sealed record HotStreetView(string Location, int Count, string Ward, double Easting, double Northing, int Bin, string Class);
