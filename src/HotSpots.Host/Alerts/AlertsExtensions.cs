using HotSpots.Application.Alerts;
using HotSpots.Application.Monitoring;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Alerts;

public static class AlertsExtensions
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AlertOptions>(configuration.GetSection("HotSpots:Alerts"));
        services.Configure<WebhookOptions>(configuration.GetSection("HotSpots:Alerts:Webhooks"));
        services.AddHttpClient();
        services.AddSingleton<HubAlertPublisher>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton(sp => new AlertEngine(
            sp.GetRequiredService<MonitorDirectory>(),
            sp.GetRequiredService<IAlertStore>(),
            sp.GetRequiredService<IOptions<AlertOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            [sp.GetRequiredService<HubAlertPublisher>(), sp.GetRequiredService<WebhookDispatcher>()]));
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddHostedService<AlertService>();
        return services;
    }
}

/// <summary>
/// Starts alerting once the monitors are rebuilt (hosted services start in order, and the monitors' activation is
/// registered first), then evaluates as the log is tailed and at each hour.
/// </summary>
internal sealed class AlertService(AlertEngine engine, LiveEvents events, IncidentLogTailer tailer, ILogger<AlertService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await engine.StartAsync(cancellationToken);
        logger.LogInformation("Alerting on {Rules} rules: {Ids}", engine.Rules.Count, string.Join(", ", engine.Rules.Select(r => r.Id)));
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => engine.RunAsync(events, tailer, stoppingToken);
}
