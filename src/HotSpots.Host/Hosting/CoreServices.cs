using HotSpots.Application.Drills;
using HotSpots.Application.Evaluation;
using HotSpots.Application.Areas;
using HotSpots.Application.Patrols;
using HotSpots.Application.Ingest;
using HotSpots.Application.Monitoring;
using HotSpots.Geography;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Hosting;

public static class CoreServices
{
    public static IServiceCollection AddGeography(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GeographyOptions>(configuration.GetSection("HotSpots:Geography"));
        services.AddSingleton<IOperationStore>(sp => new SqliteOperationStore((SqliteIncidentStore)sp.GetRequiredService<IIncidentStore>()));
        services.AddSingleton(sp => new GeographyCatalog(sp.GetRequiredService<IOperationStore>(), sp.GetRequiredService<IOptions<GeographyOptions>>().Value));
        // The geography the monitors start from: configured zones seeded into the store, then everything read back, so
        // zones edited through the API and a ward set made current survive a restart.
        services.AddSingleton(sp =>
        {
            var catalog = sp.GetRequiredService<GeographyCatalog>();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<GeographyCatalog>();
            foreach (var note in catalog.SeedAsync().GetAwaiter().GetResult()) logger.LogWarning("Geography: {Note}", note);
            return catalog.BuildAsync().GetAwaiter().GetResult();
        });
        services.AddSingleton(sp => new PatrolInput(sp.GetRequiredService<IOperationStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new EvaluationService(
            sp.GetRequiredService<MonitorDirectory>(), sp.GetRequiredService<IOperationStore>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static IServiceCollection AddIncidentStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SqliteStoreOptions>(configuration.GetSection("HotSpots:Store:Sqlite"));
        // Opened once at start: a store that cannot be opened or migrated should stop the service, not its first request.
        services.AddSingleton<IIncidentStore>(sp => SqliteIncidentStore.OpenAsync(
            sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value, sp.GetRequiredService<TimeProvider>()).GetAwaiter().GetResult());
        services.AddSingleton<IncidentLogSignal>();
        services.AddSingleton(sp => new IncidentIngestor(
            sp.GetRequiredService<IIncidentStore>(),
            () => sp.GetRequiredService<MonitorDirectory>().Geography,
            sp.GetRequiredService<IncidentLogSignal>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static IServiceCollection AddMonitors(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MonitoringOptions>(configuration.GetSection("HotSpots:Monitoring"));
        services.AddSingleton<MonitorDirectory>();
        services.AddSingleton<HeatService>();
        services.AddSingleton(sp => new IncidentLogTailer(
            sp.GetRequiredService<IIncidentStore>(),
            sp.GetRequiredService<MonitorDirectory>(),
            sp.GetRequiredService<IncidentLogSignal>(),
            sp.GetRequiredService<IOptions<MonitoringOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new GeographyWatcher(
            sp.GetRequiredService<GeographyCatalog>(),
            sp.GetRequiredService<IOperationStore>(),
            sp.GetRequiredService<IncidentLogTailer>(),
            sp.GetRequiredService<MonitorDirectory>(),
            sp.GetRequiredService<IOptions<MonitoringOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WardSetHistory(
            sp.GetRequiredService<GeographyCatalog>(),
            sp.GetRequiredService<IIncidentStore>(),
            sp.GetRequiredService<MonitorDirectory>(),
            sp.GetRequiredService<IOptions<MonitoringOptions>>().Value));
        services.AddHostedService<MonitorActivation>();
        return services;
    }

    public static IServiceCollection AddDrills(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DrillOptions>(configuration.GetSection("HotSpots:Drills"));
        services.AddSingleton(sp => new DrillRunner(
            sp.GetRequiredService<IncidentIngestor>(),
            () => sp.GetRequiredService<MonitorDirectory>().Geography,
            sp.GetRequiredService<IOptions<DrillOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}

/// <summary>
/// Rebuilds every monitor from the log before the server takes requests (hosted services start before Kestrel
/// listens), then keeps tailing it.
/// </summary>
internal sealed class MonitorActivation(IncidentLogTailer tailer, GeographyWatcher geography, ILogger<MonitorActivation> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Environment.TickCount64;
        await tailer.CatchUpAsync(cancellationToken);
        logger.LogInformation("Monitors rebuilt from the incident log up to sequence {Sequence} in {Milliseconds} ms",
            tailer.AppliedSequence, Environment.TickCount64 - started);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(tailer.RunAsync(stoppingToken), geography.RunAsync(stoppingToken));
}
