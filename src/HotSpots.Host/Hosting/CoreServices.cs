using HotSpots.Application.Drills;
using HotSpots.Application.Evaluation;
using HotSpots.Application.Areas;
using HotSpots.Application.Patrols;
using HotSpots.Application.Ingest;
using HotSpots.Application.Monitoring;
using HotSpots.Geography;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using HotSpots.Grains;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Hosting;

public static class CoreServices
{
    public static IServiceCollection AddGeography(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GeographyOptions>(configuration.GetSection("HotSpots:Geography"));
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
        services.AddStores(configuration);
        services.Configure<IncidentWindowOptions>(configuration.GetSection("HotSpots:Incidents"));
        services.AddSingleton(sp => new IncidentIngestor(
            sp.GetRequiredService<IIncidentStore>(),
            () => sp.GetRequiredService<MonitorDirectory>().Geography,
            sp.GetRequiredService<IncidentLogSignal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<IncidentWindowOptions>>().Value));
        return services;
    }

    /// <summary>
    /// The monitors as this node sees them. A silo reads the log into the area grains (and fills them when geography
    /// changes); a front node only follows the log for the times it covers and reads the grains the silos feed.
    /// </summary>
    public static IServiceCollection AddMonitors(this IServiceCollection services, IConfiguration configuration, NodeRole role)
    {
        services.Configure<MonitoringOptions>(configuration.GetSection("HotSpots:Monitoring"));
        services.AddSingleton(sp => new MonitorDirectory(sp.GetRequiredService<GeographyModel>(), sp.GetRequiredService<IGrainFactory>()));
        services.AddSingleton<HeatService>();
        services.AddOptions<HarmOptions>().Bind(configuration.GetSection("HotSpots:Harm"))
            .Validate(o => o.ByCategory(out _) is not null, "HotSpots:Harm:Weights must name categories (their slugs) with weights of zero or more").ValidateOnStart();
        services.AddSingleton<GridService>();
        services.AddSingleton<LiveEvents>();
        if (role == NodeRole.Silo)
        {
            services.AddSingleton<IncidentLogSignal>();
            services.AddSingleton(sp => new IncidentLogTailer(
                sp.GetRequiredService<IIncidentStore>(),
                sp.GetRequiredService<MonitorDirectory>(),
                sp.GetRequiredService<IncidentLogSignal>(),
                sp.GetRequiredService<IGrainStateStore>(),
                sp.GetRequiredService<IOptions<MonitoringOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<IncidentLogTailer>>(),
                new CellTileFeed(
                    sp.GetRequiredService<IIncidentStore>(),
                    sp.GetRequiredService<IGrainFactory>(),
                    sp.GetRequiredService<IGrainStateStore>(),
                    sp.GetRequiredService<IOptions<MonitoringOptions>>().Value)));
            services.AddSingleton<IGeographySwitch>(sp => sp.GetRequiredService<IncidentLogTailer>());
            services.AddSingleton<ILogPosition>(sp => sp.GetRequiredService<IncidentLogTailer>());
            services.AddHostedService<MonitorActivation>();
        }
        else
        {
            // Nothing here takes appended batches off the signal, so it holds none.
            services.AddSingleton(new IncidentLogSignal(maxHeld: 0));
            services.AddSingleton(sp => new LogFollower(
                sp.GetRequiredService<IIncidentStore>(),
                sp.GetRequiredService<MonitorDirectory>(),
                sp.GetRequiredService<IOptions<MonitoringOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<LogFollower>>()));
            services.AddSingleton<IGeographySwitch>(sp => sp.GetRequiredService<LogFollower>());
            services.AddSingleton<ILogPosition>(sp => sp.GetRequiredService<LogFollower>());
            services.AddHostedService<FrontActivation>();
        }
        services.AddSingleton(sp => new GeographyWatcher(
            sp.GetRequiredService<GeographyCatalog>(),
            sp.GetRequiredService<IOperationStore>(),
            sp.GetRequiredService<IGeographySwitch>(),
            sp.GetRequiredService<MonitorDirectory>(),
            sp.GetRequiredService<IOptions<MonitoringOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WardSetHistory(
            sp.GetRequiredService<GeographyCatalog>(),
            sp.GetRequiredService<IIncidentStore>(),
            sp.GetRequiredService<MonitorDirectory>(),
            sp.GetRequiredService<IOptions<MonitoringOptions>>().Value));
        services.AddHostedService<LiveRegistration>();
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
/// Brings the area grains up to the end of the log before the server takes requests (hosted services start before
/// Kestrel listens, and after the silo): the reader starts from its checkpoint, so only the log after it is read.
/// Then it keeps tailing, and on stopping has every grain checkpoint so the next start reads nothing again.
/// </summary>
internal sealed class MonitorActivation(IncidentLogTailer tailer, GeographyWatcher geography, ILogger<MonitorActivation> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        geography.Failed += error => logger.LogWarning(error, "Reading the store's geography failed; trying again at the next poll");
        var started = Environment.TickCount64;
        await tailer.StartAsync(cancellationToken);
        logger.LogInformation("Area grains brought up to sequence {Sequence} from the checkpoint at {Checkpoint} in {Milliseconds} ms",
            tailer.AppliedSequence, tailer.CheckpointedSequence, Environment.TickCount64 - started);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await tailer.CheckpointAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(tailer.RunAsync(stoppingToken), geography.RunAsync(stoppingToken));
}

/// <summary>A front node's start: the log's covered times are known before the server takes requests, then followed.</summary>
internal sealed class FrontActivation(LogFollower follower, GeographyWatcher geography, ILogger<FrontActivation> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        geography.Failed += error => logger.LogWarning(error, "Reading the store's geography failed; trying again at the next poll");
        await follower.CatchUpAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(follower.RunAsync(stoppingToken), geography.RunAsync(stoppingToken));
}

/// <summary>
/// Registers this node's <see cref="LiveEvents"/> with the live directory grain, and again every few seconds (a
/// directory that moved silo, or expired it, learns of it again). A geography change announced by any node wakes
/// this node's watcher; one applied here is announced to every node.
/// </summary>
internal sealed class LiveRegistration(IGrainFactory grains, LiveEvents events, GeographyWatcher watcher, ILogger<LiveRegistration> logger, LiveNotifier? notifier = null) : BackgroundService
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(5);

    private ILiveObserver? _reference;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<ILiveObserver>(events);
        await grains.GetGrain<ILiveDirectoryGrain>(0).RegisterAsync(_reference);
        events.GeographyMoved += OnGeographyMoved;
        watcher.Applied += OnApplied;
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        events.GeographyMoved -= OnGeographyMoved;
        watcher.Applied -= OnApplied;
        await base.StopAsync(cancellationToken);
        if (_reference is not null)
        {
            try
            {
                await grains.GetGrain<ILiveDirectoryGrain>(0).UnregisterAsync(_reference);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "Leaving the live directory failed; the registration will expire");
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Renewal);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await grains.GetGrain<ILiveDirectoryGrain>(0).RegisterAsync(_reference!);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Renewing this node's live registration failed; trying again in {Seconds} s", Renewal.TotalSeconds);
            }
        }
    }

    private void OnGeographyMoved(long revision) => watcher.Changed();

    private async void OnApplied(GeographyModel geography)
    {
        // A front node has no notifier: the silos' watchers see the change at their next poll.
        if (notifier is null) return;
        try
        {
            await notifier.GeographyChangedAsync(geography.Revision);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Announcing geography revision {Revision} failed", geography.Revision);
        }
    }
}
