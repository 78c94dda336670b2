using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HotSpots.Grains;

/// <summary>A node's part of a once-per-cluster duty, registered as a keyed service under the duty's name.</summary>
public interface IClusterDuty
{
    /// <summary>Does the duty until cancelled (the grain that runs it deactivates, or the silo stops).</summary>
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs one duty in the background for as long as it is activated, on the silo it is activated on. Kept alive, so
/// it only moves when its silo goes; the duty's loop runs beside the grain, not in its turns, since it never ends.
/// </summary>
[KeepAlive]
public sealed class ClusterDutyGrain(ILocalSiloDetails silo, ILogger<ClusterDutyGrain> logger) : Grain, IClusterDutyGrain
{
    private readonly BackgroundRun _run = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var name = this.GetPrimaryKeyString();
        var duty = ServiceProvider.GetRequiredKeyedService<IClusterDuty>(name);
        logger.LogInformation("Cluster duty {Duty} starts on {Silo}", name, silo.SiloAddress);
        _run.Start(duty.RunAsync, error => logger.LogError(error, "Cluster duty {Duty} failed; it starts again in a few seconds", name));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _run.StopAsync(cancellationToken);

    public Task<string> EnsureRunningAsync() => Task.FromResult(silo.SiloAddress.ToString());
}

/// <summary>A loop started beside a grain and stopped with it; one that fails (its store unreachable, say) starts again.</summary>
internal sealed class BackgroundRun
{
    private static readonly TimeSpan Restart = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public void Start(Func<CancellationToken, Task> loop, Action<Exception> failed) =>
        // Off the grain's scheduler: the loop calls other grains and waits on timers for as long as the grain lives.
        _running = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await loop(_stop.Token);
                    return;
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    failed(ex);
                }
                await Task.Delay(Restart, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        });

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
