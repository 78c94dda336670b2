using HotSpots.Geography.Demo;
using HotSpots.Host.Security;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Endpoints;

/// <summary>What the page needs to know about its server.</summary>
public sealed record DashboardConfig(string? TileUrl, string? TileAttribution, HomeArea Home);

/// <summary>
/// The partnership's own area (Thurrock, local authority E06000034): the map opens on its wards when a wider set,
/// such as all of Essex, is loaded, because the partnership's meetings are about Thurrock.
/// </summary>
public sealed record HomeArea(string Name, IReadOnlyList<string> WardCodes)
{
    public static HomeArea Thurrock { get; } = new("Thurrock", [.. ThurrockFigures.Wards.Select(w => w.Code)]);
}

public static class DashboardEndpoints
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DashboardOptions>(configuration.GetSection("HotSpots:Dashboard"));
        return services;
    }

    /// <summary>
    /// Serves the dashboard from the wwwroot copied beside the binaries, whatever the working directory, with headers
    /// that keep its police-sensitive pages out of frames, other sites' scripts and referrers.
    /// </summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        var tiles = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.TileUrl;
        var tileOrigin = Uri.TryCreate(tiles?.Replace("{s}", "a").Replace("{z}", "0").Replace("{x}", "0").Replace("{y}", "0"), UriKind.Absolute, out var uri)
            ? $" {uri.Scheme}://{(tiles!.Contains("{s}") ? "*." + uri.Host.Split('.', 2)[^1] : uri.Host)}{(uri.IsDefaultPort ? "" : $":{uri.Port}")}"
            : "";
        var policy = $"default-src 'self'; img-src 'self' data:{tileOrigin}; style-src 'self' 'unsafe-inline'; connect-src 'self'; " +
                     "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        // The SignalR client's ES modules import each other without the .js extension (written for bundlers), so the
        // browser's request for one is given the file it means.
        app.UseRewriter(new RewriteOptions().AddRewrite(@"^vendor/signalr/([\w-]+)$", "vendor/signalr/$1.js", skipRemainingRules: true));
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", (IOptions<DashboardOptions> options) => new DashboardConfig(options.Value.TileUrl, options.Value.TileAttribution, HomeArea.Thurrock))
            .RequireAuthorization(SecurityExtensions.ViewerPolicy)
            .WithTags(ApiDocumentation.Dashboard)
            .WithSummary("The dashboard's settings (base map tiles, the partnership's home area)");
        app.MapGet("/api/categories", () => TypedResults.Ok(CategoryList.Current))
            .RequireAuthorization(SecurityExtensions.ViewerPolicy)
            .WithTags(ApiDocumentation.Dashboard)
            .WithSummary("The category groups and single categories that heat, alerts and operations accept, with their labels");
        return app;
    }
}
