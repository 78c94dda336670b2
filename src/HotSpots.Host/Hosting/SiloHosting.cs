using System.Net;
using HotSpots.Application.Monitoring;
using HotSpots.Grains;
using HotSpots.Store.Postgres;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace HotSpots.Host.Hosting;

/// <summary>How silos find each other.</summary>
public enum ClusterProvider
{
    /// <summary>One node on its own (the embedded default).</summary>
    Localhost,

    /// <summary>Orleans' ADO.NET membership in the PostgreSQL database of <c>ConnectionStrings:HotSpots</c>.</summary>
    Postgres,
}

/// <summary>Bound from <c>HotSpots:Cluster</c>: how this node's silo joins its cluster.</summary>
public sealed class ClusterSettings
{
    public ClusterProvider Provider { get; set; } = ClusterProvider.Localhost;

    public string ClusterId { get; set; } = "hotspots";

    /// <summary>The address other silos and clients reach this one at (an IP or a host name); default loopback, for nodes on one machine.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Silo-to-silo port (each silo on one machine needs its own).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients; 0 (the embedded default) opens none.</summary>
    public int GatewayPort { get; set; }

    /// <summary>How long a silo waits for another's answer to a liveness probe (Orleans' default is 5 s).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes before a silo votes another dead (Orleans' default is 3).</summary>
    public int MissedProbesLimit { get; set; } = 2;
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
        var membership = cluster.Provider == ClusterProvider.Postgres ? PostgresMembership(builder.Configuration) : null;
        builder.UseOrleans(silo =>
        {
            if (membership is null) silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: "hotspots", clusterId: cluster.ClusterId);
            else
            {
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = membership;
                });
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, "hotspots"));
                silo.ConfigureEndpoints(Advertised(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                // Shorter than Orleans' defaults so a dead node's areas and duties move within seconds: the failover aim is 10 s.
                silo.Configure<ClusterMembershipOptions>(o => (o.ProbeTimeout, o.NumMissedProbesLimit) = (cluster.ProbeTimeout, cluster.MissedProbesLimit));
                builder.Services.PostConfigure<MonitoringOptions>(o => o.ReaderName = $"incidents@{cluster.AdvertisedAddress ?? "localhost"}:{cluster.SiloPort}");
            }
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromHours(2));
            silo.AddHotSpotsGrains(builder.Configuration);
            silo.AddDashboard();
        });
        return builder;
    }

    /// <summary>
    /// The connection string for ADO.NET membership, its tables and queries migrated first, so a node that cannot
    /// reach PostgreSQL stops at start with that said, not later with a provider's error.
    /// </summary>
    private static string PostgresMembership(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("HotSpots");
        if (string.IsNullOrWhiteSpace(connection))
            throw new InvalidOperationException("HotSpots:Cluster:Provider is Postgres but ConnectionStrings:HotSpots is not set");
        using var dataSource = NpgsqlDataSource.Create(connection);
        OrleansClusteringSchema.MigrateAsync(dataSource).GetAwaiter().GetResult();
        return connection;
    }

    private static IPAddress Advertised(string? address) => address switch
    {
        null or "" => IPAddress.Loopback,
        _ when IPAddress.TryParse(address, out var ip) => ip,
        _ => Dns.GetHostAddresses(address).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork),
    };

    /// <summary>The Orleans Dashboard at <c>/orleans</c>, for administrators only (it has no sign-in of its own).</summary>
    public static WebApplication MapSiloDashboard(this WebApplication app, string adminPolicy)
    {
        app.MapOrleansDashboard("/orleans").RequireAuthorization(adminPolicy);
        return app;
    }
}
