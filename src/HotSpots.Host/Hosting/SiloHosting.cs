using System.Net;
using HotSpots.Application.Monitoring;
using HotSpots.Grains;
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

/// <summary>What a node is: <c>HotSpots:Node:Role</c>.</summary>
public enum NodeRole
{
    /// <summary>API, hub and grains (the default).</summary>
    Silo,

    /// <summary>API and hub only: an Orleans client of the silos' gateways, so dashboards scale apart from the grains.</summary>
    Front,
}

public static class SiloHosting
{
    /// <summary>
    /// Makes this process an Orleans silo beside the web app (one silo on localhost clustering in the embedded
    /// default, with its grain state in the incident store, and the Orleans Dashboard's grain service), or, for a
    /// front node, an Orleans client that finds the silos' gateways in the membership table.
    /// </summary>
    public static NodeRole AddClusterNode(this WebApplicationBuilder builder)
    {
        var role = builder.Configuration.GetSection("HotSpots:Node").Get<NodeSettings>()?.Role ?? NodeRole.Silo;
        var cluster = builder.Configuration.GetSection("HotSpots:Cluster").Get<ClusterSettings>() ?? new ClusterSettings();
        if (role == NodeRole.Front && cluster.Provider != ClusterProvider.Postgres)
            throw new InvalidOperationException("HotSpots:Node:Role Front needs HotSpots:Cluster:Provider Postgres: a front node finds the silos through the membership table");
        var membership = cluster.Provider == ClusterProvider.Postgres ? PostgresMembership(builder) : null;
        if (role == NodeRole.Front) AddClient(builder, cluster, membership!);
        else AddSilo(builder, cluster, membership);
        return role;
    }

    private static void AddClient(WebApplicationBuilder builder, ClusterSettings cluster, string membership) =>
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = membership;
            });
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, "hotspots"));
            // A post's trace goes on through the grain calls it causes (spans are made only when traces are exported).
            client.AddActivityPropagation();
            // A front node may start before any silo, or outlive them all for a while: it keeps trying to connect.
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
        });

    private static void AddSilo(WebApplicationBuilder builder, ClusterSettings cluster, string? membership) =>
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
            silo.AddActivityPropagation();
            silo.AddHotSpotsGrains(builder.Configuration);
            silo.AddDashboard();
        });

    /// <summary>The connection string for ADO.NET membership; its tables and queries are migrated at start (<see cref="MembershipSchema"/>).</summary>
    private static string PostgresMembership(WebApplicationBuilder builder)
    {
        var connection = builder.Configuration.GetConnectionString("HotSpots");
        if (string.IsNullOrWhiteSpace(connection))
            throw new InvalidOperationException("HotSpots:Cluster:Provider is Postgres but ConnectionStrings:HotSpots is not set");
        builder.Services.AddSingleton(new MembershipSchema(connection));
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
        // Orleans' own pages and their data, not HotSpots' API: kept out of the OpenAPI document.
        app.MapOrleansDashboard("/orleans").RequireAuthorization(adminPolicy).ExcludeFromDescription();
        return app;
    }
}
