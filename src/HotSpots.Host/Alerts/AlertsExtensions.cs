using HotSpots.Application.Alerts;
using HotSpots.Domain.Alerts;
using HotSpots.Grains;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Alerts;

public static class AlertsExtensions
{
    /// <summary>
    /// The alert desk's parts on this node: the engine it builds when it runs here, whose changes go to every node's
    /// dashboards and to the webhooks (sent only from the desk's node), and this node's publisher to its dashboards.
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AlertOptions>(configuration.GetSection("HotSpots:Alerts"));
        services.Configure<WebhookOptions>(configuration.GetSection("HotSpots:Alerts:Webhooks"));
        // The pipeline bounds each try and the delivery as a whole, so the client's own timeout must not.
        services.AddHttpClient(nameof(WebhookDispatcher), client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) => sp.GetRequiredService<IOptions<WebhookOptions>>().Value.ApplyTo(resilience))
            .SelectPipelineByAuthority();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<IAlertObserver, AlertFanOut>();
        services.AddSingleton<IAlertObserver>(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<AlertDuty>();
        services.AddHostedService<HubAlertPublisher>();
        return services;
    }
}

/// <summary>Tells every node (this one too) of a change the desk has stored.</summary>
internal sealed class AlertFanOut(LiveNotifier notifier) : IAlertObserver
{
    public Task AlertChangedAsync(AlertChange change, CancellationToken cancellationToken) => notifier.AlertChangedAsync(change.Alert.Id, change.Kind);
}
