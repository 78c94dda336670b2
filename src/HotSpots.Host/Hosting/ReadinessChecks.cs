using HotSpots.Application.Areas;
using HotSpots.Application.Monitoring;
using HotSpots.Application.Telemetry;
using HotSpots.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Hosting;

/// <summary>The store answers a read and takes writes (a full disk or an unreachable database fails it).</summary>
internal sealed class StoreReadyCheck(IIncidentStore store, StoreHealth health) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (await StorageHealth.FailureAsync(store, health, cancellationToken) is { } failure) return HealthCheckResult.Unhealthy(failure.Summary);
        try
        {
            await store.LastSequenceAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the store does not answer");
        }
    }
}

/// <summary>
/// This node has read the incident log to within <see cref="TelemetryOptions.MaxLogBehind"/> positions of its end;
/// what it measures is also the <c>hotspots.log.behind</c> gauge.
/// </summary>
internal sealed class LogTailReadyCheck(IIncidentStore store, ILogPosition position, HotSpotsMetrics metrics, IOptions<TelemetryOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        long last;
        try
        {
            last = await store.LastSequenceAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the log's end cannot be read");
        }
        var behind = Math.Max(0, last - position.AppliedSequence);
        metrics.LogBehind(behind);
        var data = new Dictionary<string, object> { ["behind"] = behind };
        return behind <= options.Value.MaxLogBehind
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Unhealthy($"{behind} log positions behind (at most {options.Value.MaxLogBehind})", data: data);
    }
}

/// <summary>A silo is active in its cluster's membership; a front node's client is connected to a gateway.</summary>
internal sealed class ClusterReadyCheck(ClusterConnection connection, ISiloStatusOracle? silo = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(silo switch
        {
            null when connection.Connected => HealthCheckResult.Healthy(),
            null => HealthCheckResult.Unhealthy("no gateway of the cluster is connected"),
            { CurrentStatus: SiloStatus.Active } => HealthCheckResult.Healthy(),
            _ => HealthCheckResult.Unhealthy($"this silo is {silo.CurrentStatus}, not active in the cluster"),
        });
}

/// <summary>
/// The geography is loaded: wards to place incidents in. While a newer revision from the store (a new ward set, a
/// redrawn zone) is being applied the node still serves the one it has, so that is reported as degraded, not down.
/// </summary>
internal sealed class GeographyReadyCheck(MonitorDirectory monitors, GeographyWatcher watcher, IOperationStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var geography = monitors.Geography;
        if (geography.Wards.Areas.Count == 0) return HealthCheckResult.Unhealthy("no wards are loaded");
        var stored = await store.GeographyRevisionAsync(cancellationToken);
        return stored == watcher.AppliedRevision
            ? HealthCheckResult.Healthy($"{geography.Mode}, ward set {geography.WardSet.Id}")
            : HealthCheckResult.Degraded($"applying geography revision {stored} (serving {watcher.AppliedRevision})");
    }
}

/// <summary>What a front node's Orleans client says of its connection; a silo's is never told anything and stays connected.</summary>
internal sealed class ClusterConnection : IClusterConnectionStatusObserver
{
    private volatile bool _connected = true;

    public bool Connected => _connected;

    public void NotifyClusterConnectionLost() => _connected = false;

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        _connected = currentNumberOfGateways > 0;
}
