using HotSpots.Application.Areas;
using HotSpots.Application.Drills;
using HotSpots.Application.Evaluation;
using HotSpots.Application.Ingest;
using HotSpots.Application.Monitoring;
using HotSpots.Application.Patrols;
using HotSpots.Application.Reports;
using HotSpots.Geography;

namespace HotSpots.Host.Hosting;

public static class CoreServices
{
    public static IServiceCollection AddGeography(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GeographyOptions>(configuration.GetSection("HotSpots:Geography"));
        services.AddSingleton<GeographyCatalog>();
        services.Configure<ReportOptions>(configuration.GetSection("HotSpots:Reports"));
        services.AddSingleton<LocalityService>();
        services.AddSingleton<PerformanceSummaryService>();
        services.AddSingleton<IHotStreets, StoreHotStreets>();
        services.AddSingleton<LagPackService>();
        services.AddSingleton<PdfPrinter>();
        services.AddSingleton<PatrolInput>();
        services.AddSingleton<EvaluationService>();
        return services;
    }

    public static IServiceCollection AddIncidentStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStores(configuration);
        services.AddHostedService<StartupSteps>();
        services.Configure<IncidentWindowOptions>(configuration.GetSection("HotSpots:Incidents"));
        services.AddSingleton<IncidentIngestor>();
        return services;
    }

    /// <summary>
    /// The monitors as this node sees them. A silo reads the log into the area grains (and fills them when geography
    /// changes); a front node only follows the log for the times it covers and reads the grains the silos feed.
    /// </summary>
    public static IServiceCollection AddMonitors(this IServiceCollection services, IConfiguration configuration, NodeRole role)
    {
        services.Configure<MonitoringOptions>(configuration.GetSection("HotSpots:Monitoring"));
        services.AddSingleton<MonitorDirectory>();
        services.AddSingleton<ICurrentGeography>(sp => sp.GetRequiredService<MonitorDirectory>());
        services.AddSingleton<HeatService>();
        services.AddOptions<HarmOptions>().Bind(configuration.GetSection("HotSpots:Harm"))
            .Validate(o => o.ByCategory(out _) is not null, "HotSpots:Harm:Weights must name categories (their slugs) with weights of zero or more").ValidateOnStart();
        services.AddSingleton<GridService>();
        services.AddSingleton<HotStreetsService>();
        services.AddSingleton<LiveEvents>();
        if (role == NodeRole.Silo)
        {
            services.AddSingleton<IncidentLogSignal>();
            services.AddSingleton<CellTileFeed>();
            services.AddSingleton<IncidentLogTailer>();
            services.AddSingleton<IGeographySwitch>(sp => sp.GetRequiredService<IncidentLogTailer>());
            services.AddSingleton<ILogPosition>(sp => sp.GetRequiredService<IncidentLogTailer>());
            services.AddHostedService<MonitorActivation>();
        }
        else
        {
            // Nothing here takes appended batches off the signal, so it holds none.
            services.AddSingleton(new IncidentLogSignal(maxHeld: 0));
            services.AddSingleton<LogFollower>();
            services.AddSingleton<IGeographySwitch>(sp => sp.GetRequiredService<LogFollower>());
            services.AddSingleton<ILogPosition>(sp => sp.GetRequiredService<LogFollower>());
            services.AddHostedService<FrontActivation>();
        }
        services.AddSingleton<GeographyWatcher>();
        services.AddSingleton<WardSetHistory>();
        services.AddHostedService<LiveRegistration>();
        return services;
    }

    public static IServiceCollection AddDrills(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DrillOptions>(configuration.GetSection("HotSpots:Drills"));
        services.AddSingleton<DrillRunner>();
        return services;
    }
}
