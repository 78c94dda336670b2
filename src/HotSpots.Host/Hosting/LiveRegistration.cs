using HotSpots.Application.Areas;
using HotSpots.Application.Monitoring;
using HotSpots.Geography;
using HotSpots.Grains;

namespace HotSpots.Host.Hosting;

/// <summary>
/// Registers this node's <see cref="LiveEvents"/> with the live directory grain, and again every few seconds (a
/// directory that moved silo, or expired it, learns of it again). A geography change announced by any node wakes
/// this node's watcher; one applied here is announced to every node.
/// </summary>
internal sealed class LiveRegistration(IGrainFactory grains, LiveEvents events, GeographyWatcher watcher, ILogger<LiveRegistration> logger, TimeProvider time, LiveNotifier? notifier = null) : BackgroundService
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
        using var timer = new PeriodicTimer(Renewal, time);
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
