using HotSpots.Grains;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace HotSpots.Host.Hosting;

/// <summary>Bound from <c>HotSpots:Cluster</c>: how this node's silo joins its cluster.</summary>
public sealed class ClusterSettings
{
    public string ClusterId { get; set; } = "hotspots";

    /// <summary>Silo-to-silo port (each silo on one machine needs its own).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients; 0 (the embedded default) opens none.</summary>
    public int GatewayPort { get; set; }
}

public static class SiloHosting
{
    /// <summary>
    /// Makes this process an Orleans silo beside the web app: one silo on localhost clustering in the embedded
    /// default, with its grain state in the incident store, and the Orleans Dashboard's grain service.
    /// </summary>
    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection("HotSpots:Cluster").Get<ClusterSettings>() ?? new ClusterSettings();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: "hotspots", clusterId: cluster.ClusterId);
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromHours(2));
            silo.AddHotSpotsGrains(builder.Configuration);
            silo.AddDashboard();
        });
        return builder;
    }

    /// <summary>The Orleans Dashboard at <c>/orleans</c>, for administrators only (it has no sign-in of its own).</summary>
    public static WebApplication MapSiloDashboard(this WebApplication app, string adminPolicy)
    {
        app.MapOrleansDashboard("/orleans").RequireAuthorization(adminPolicy);
        return app;
    }
}
