using System.Text.Json;
using HotSpots.Application.Alerts;
using HotSpots.Application.Telemetry;
using HotSpots.Host.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HotSpots.Host.Hosting;

/// <summary>
/// What operators see of a running node: metrics for Prometheus at <c>/metrics</c> (a viewer key or better), traces
/// over OTLP when a collector is configured, and the health endpoints orchestrators probe.
/// </summary>
public static class TelemetryExtensions
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<TelemetryOptions>(builder.Configuration.GetSection("HotSpots:Telemetry"));
        services.AddSingleton<HotSpotsMetrics>();
        services.AddSingleton<IAlertObserver, AlertCounting>();
        services.AddSingleton<ClusterConnection>();
        services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<ClusterConnection>());

        var otlp = builder.Configuration.GetSection("HotSpots:Telemetry").Get<TelemetryOptions>()?.OtlpEndpoint;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("hotspots"))
            .WithMetrics(m => m
                .AddMeter(HotSpotsMetrics.MeterName, "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter());
        // Spans cost only where something listens: without a collector none are made.
        if (otlp is not null)
        {
            telemetry.WithTracing(t => t
                .AddSource(HotSpotsMetrics.MeterName, "Microsoft.Orleans.*")
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = otlp));
        }

        services.AddHealthChecks()
            .AddCheck<StoreReadyCheck>("store", tags: [ReadyTag])
            .AddCheck<LogTailReadyCheck>("log", tags: [ReadyTag])
            .AddCheck<ClusterReadyCheck>("cluster", tags: [ReadyTag])
            .AddCheck<GeographyReadyCheck>("geography", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the store answers, the log is read to within
    /// the bound, the node is in its cluster and the geography is loaded (503 with the failing check named).
    /// <c>/health</c>: the store can be written, as before. <c>/metrics</c>: Prometheus' scrape, behind a key.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", StorageHealth.CheckAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(SecurityExtensions.ViewerPolicy).ExcludeFromDescription();
        return app;
    }

    /// <summary>The status and each check's status and description: what an operator needs to see why a node is out.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}
