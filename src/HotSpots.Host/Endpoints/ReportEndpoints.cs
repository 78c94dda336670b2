using System.Security.Claims;
using System.Text;
using HotSpots.Application.Areas;
using HotSpots.Application.Reports;
using HotSpots.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotSpots.Host.Endpoints;

/// <summary>A locality as the API takes it: its name and the codes of its wards in the current ward set.</summary>
public sealed record LocalityPut(string? Name, IReadOnlyList<string>? Wards);

/// <summary>The board's performance summary and the localities reports are drawn for, mapped onto their services.</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var viewer = app.MapGroup("/api").RequireAuthorization(SecurityExtensions.ViewerPolicy);
        // Localities decide what every locality report covers: set-up, like ward sets, not day-to-day work.
        var admin = app.MapGroup("/api").RequireAuthorization(SecurityExtensions.AdminPolicy);

        viewer.MapGet("/reports/performance", PerformanceAsync).WithTags(ApiDocumentation.Reports)
            .WithSummary("The performance summary: previous and current period per area and category (?to=yyyy-MM&months=12&level=authority|locality|ward&locality=&format=csv|html|json|xlsx)")
            .Produces<string>(200, "text/csv").ProducesProblem(400).ProducesProblem(422);
        viewer.MapGet("/reports/lag", LagPackAsync).WithTags(ApiDocumentation.Reports)
            .WithSummary("A Locality Action Group's agenda pack (?locality=CODE|NAME&from=yyyy-MM&to=yyyy-MM&format=json|html|pdf|xlsx; default the last two complete months)")
            .Produces<LagPack>().Produces<string>(200, "text/html").ProducesProblem(400).ProducesProblem(422).ProducesProblem(503);

        viewer.MapGet("/localities", async (bool? all, LocalityService localities, CancellationToken ct) =>
                TypedResults.Ok(await localities.ListAsync(all == true, ct)))
            .WithTags(ApiDocumentation.Localities).WithSummary("Localities in force (?all=true: retired ones too)");
        viewer.MapGet("/localities/{code}", async Task<Results<Ok<LocalityView>, ProblemHttpResult>> (string code, LocalityService localities, CancellationToken ct) =>
                await localities.GetAsync(code, ct) is { } locality
                    ? TypedResults.Ok(new LocalityView(locality, await localities.HistoryAsync(code, ct)))
                    : NoSuchLocality(code))
            .WithTags(ApiDocumentation.Localities).WithSummary("A locality with every version of it");
        admin.MapPut("/localities/{code}", PutLocalityAsync).WithTags(ApiDocumentation.Localities)
            .WithSummary("Create or change a locality (a new version over the current ward set)").ProducesProblem(422);
        admin.MapDelete("/localities/{code}", async Task<Results<Ok<Locality>, ProblemHttpResult>> (string code, ClaimsPrincipal user, LocalityService localities, CancellationToken ct) =>
                await localities.RetireAsync(code, user.Identity?.Name, ct) is { } retired ? TypedResults.Ok(retired) : NoSuchLocality(code))
            .WithTags(ApiDocumentation.Localities).WithSummary("Retire a locality (a retired version; its history is kept)");
        return app;
    }

    private static async Task<Results<Ok<PerformanceSummary>, FileContentHttpResult, ProblemHttpResult>> PerformanceAsync(
        string? to, string? months, string? level, string? locality, string? from, string? wardSet, string? format,
        PerformanceSummaryService summaries, CancellationToken ct)
    {
        if (format is not (null or "" or "json" or "csv" or "html" or "xlsx"))
            return Refused(400, "Invalid format", new ReportInputException("format", $"format '{format}' is not json, csv, html or xlsx"));
        PerformanceQuery query;
        try
        {
            query = PerformanceQuery.Parse(to, months, level, locality, from, wardSet);
        }
        catch (ReportInputException ex)
        {
            return Refused(400, "Invalid report parameter", ex);
        }
        try
        {
            var summary = await summaries.SummariseAsync(query, ct);
            return format switch
            {
                "csv" => TypedResults.File(PerformanceCsv.ToBytes(summary), PerformanceCsv.ContentType, FileName(summary, "csv")),
                "html" => TypedResults.File(Encoding.UTF8.GetBytes(PerformanceHtml.Render(summary)), ReportHtml.ContentType, FileName(summary, "html")),
                "xlsx" => TypedResults.File(ReportWorkbook.Of(summary), ReportWorkbook.ContentType, FileName(summary, "xlsx")),
                _ => TypedResults.Ok(summary),
            };
        }
        catch (ReportInputException ex)
        {
            return Refused(422, "Report not drawn", ex);
        }
    }

    private static string FileName(PerformanceSummary summary, string extension) =>
        $"performance-{summary.Level}-{summary.Current.From}-to-{summary.Current.To}.{extension}";

    private static async Task<Results<Ok<LagPack>, FileContentHttpResult, ProblemHttpResult>> LagPackAsync(
        string? locality, string? from, string? to, string? format, LagPackService packs, PdfPrinter printer, CancellationToken ct)
    {
        if (format is not (null or "" or "json" or "html" or "pdf" or "xlsx"))
            return Refused(400, "Invalid format", new ReportInputException("format", $"format '{format}' is not json, html, pdf or xlsx"));
        LagPackQuery query;
        try
        {
            query = LagPackQuery.Parse(locality, from, to);
        }
        catch (ReportInputException ex)
        {
            return Refused(400, "Invalid report parameter", ex);
        }
        LagPack pack;
        try
        {
            pack = await packs.DrawAsync(query, ct);
        }
        catch (ReportInputException ex)
        {
            return Refused(422, "Report not drawn", ex);
        }
        var name = $"lag-{pack.Locality}-{pack.Period.From}-to-{pack.Period.To}";
        switch (format)
        {
            case "html":
                return TypedResults.File(Encoding.UTF8.GetBytes(LagPackHtml.Render(pack)), ReportHtml.ContentType, $"{name}.html");
            case "xlsx":
                return TypedResults.File(ReportWorkbook.Of(pack), ReportWorkbook.ContentType, $"{name}.xlsx");
            case "pdf":
                try
                {
                    return TypedResults.File(await printer.PrintAsync(LagPackHtml.Render(pack), ct), "application/pdf", $"{name}.pdf");
                }
                catch (PdfUnavailableException ex)
                {
                    return TypedResults.Problem(statusCode: 503, title: "PDF unavailable", detail: ex.Message);
                }
            default:
                return TypedResults.Ok(pack);
        }
    }

    private static async Task<Results<Ok<Locality>, Created<Locality>, ProblemHttpResult>> PutLocalityAsync(
        string code, LocalityPut? body, ClaimsPrincipal user, LocalityService localities, CancellationToken ct)
    {
        var result = await localities.PutAsync(code, body?.Name, body?.Wards, user.Identity?.Name, ct);
        if (!result.IsValid)
        {
            return TypedResults.Problem(statusCode: 422, title: "Locality not accepted", detail: string.Join("; ", result.Problems.Select(p => p.Message)),
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = result.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToList()),
                });
        }
        var saved = result.Saved!;
        return result.Changed && saved.Version == 1 ? TypedResults.Created($"/api/localities/{saved.Code}", saved) : TypedResults.Ok(saved);
    }

    /// <summary>A refusal naming the parameter in <c>errors</c>, as the validation problems of other endpoints do.</summary>
    private static ProblemHttpResult Refused(int status, string title, ReportInputException ex) => TypedResults.Problem(
        statusCode: status, title: title, detail: ex.Reason,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [ex.Parameter] = [ex.Reason] } });

    private static ProblemHttpResult NoSuchLocality(string code) =>
        TypedResults.Problem(statusCode: 404, title: "No such locality", detail: $"there is no locality '{code}'");
}

/// <summary>A locality as it now stands, with every version of it, oldest first.</summary>
public sealed record LocalityView(Locality Locality, IReadOnlyList<HotSpots.Store.LocalityVersion> Versions);
