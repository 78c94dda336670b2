using HotSpots.Grains;

namespace HotSpots.Host.Hosting;

/// <summary>
/// Every silo asks for the alert desk and each cluster duty every couple of seconds. A call reaches the one
/// activation wherever it is; once membership has declared its silo dead, the next call activates it on a survivor,
/// so the duties resume within the failure detection time plus <see cref="Renewal"/>.
/// </summary>
internal sealed class ClusterDutyKeeper(IGrainFactory grains, IEnumerable<ClusterDutyName> duties, ILogger<ClusterDutyKeeper> logger, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(2);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await KeepAsync();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Renewal, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) await KeepAsync();
    }

    private async Task KeepAsync()
    {
        await KeepAsync("alerts", () => grains.GetGrain<IAlertDeskGrain>(0).EnsureRunningAsync());
        foreach (var duty in duties) await KeepAsync(duty.Name, () => grains.GetGrain<IClusterDutyGrain>(duty.Name).EnsureRunningAsync());
    }

    private async Task KeepAsync(string name, Func<Task<string>> ensure)
    {
        try
        {
            await ensure();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Cluster duty {Duty} did not answer; asking again in {Seconds} s", name, Renewal.TotalSeconds);
        }
    }
}
