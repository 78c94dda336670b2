using HotSpots.Grains;
using HotSpots.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace HotSpots.Testing;

/// <summary>
/// Real silos in this process (Orleans' in-process test cluster: in-memory transport and membership) with the
/// HotSpots grains, their state in the given store, and the given clock for the grains (Orleans' own loops keep the
/// system clock, or advancing a fake one would run them inline).
/// </summary>
public sealed class SiloRig : IAsyncDisposable
{
    private SiloRig(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public static async Task<SiloRig> StartAsync(IGrainStateStore state, TimeProvider time, short silos = 1, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(state);
            silo.Services.Replace(ServiceDescriptor.Singleton(time));
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            // A killed silo is declared dead within about a second, so its grains come back on a survivor quickly.
            silo.Services.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 1;
            });
            silo.AddHotSpotsGrains(configuration);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SiloRig(cluster);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
