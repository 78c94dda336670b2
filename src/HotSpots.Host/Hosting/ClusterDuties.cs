using HotSpots.Grains;

namespace HotSpots.Host.Hosting;

/// <summary>The name of a duty this node can run for the cluster (its <see cref="IClusterDuty"/> is keyed by it).</summary>
public sealed record ClusterDutyName(string Name);

public static class ClusterDuties
{
    public static IServiceCollection AddClusterDuty<TDuty>(this IServiceCollection services, string name) where TDuty : class, IClusterDuty
    {
        services.AddKeyedSingleton<IClusterDuty>(name, (sp, _) => sp.GetRequiredService<TDuty>());
        services.AddSingleton(new ClusterDutyName(name));
        return services;
    }

    /// <summary>
    /// Keeps the cluster's once-only work running: registered after the monitors, so the alert desk's first evaluation
    /// sees grains brought up to the end of the log.
    /// </summary>
    public static IServiceCollection AddClusterDuties(this IServiceCollection services, NodeRole role)
    {
        // A front node hosts no grains, so it runs no duty either.
        if (role == NodeRole.Silo) services.AddHostedService<ClusterDutyKeeper>();
        return services;
    }
}
