using System.Diagnostics;
using HotSpots.Application.Telemetry;
using HotSpots.Domain.Alerts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotSpots.Grains;

/// <summary>
/// A silo's notifier: area grains on this silo hand it the areas they changed (a method call, no message), and it
/// tells every node's <see cref="ILiveObserver"/> at once when it has been quiet, and otherwise at most one flush
/// interval after its previous flush, in one call per node. The list of observers comes from the
/// <see cref="ILiveDirectoryGrain"/> and is refreshed every few seconds. Delivery is best effort: a dashboard that
/// (re)connects reads a snapshot.
/// </summary>
/// <remarks>Its waits are transport timing, not the domain's clock, so they run on the system clock even where tests move a fake one.</remarks>
public sealed class LiveNotifier(IGrainFactory grains, IOptions<NotifierOptions> options, ILogger<LiveNotifier> logger) : BackgroundService
{
    private static readonly TimeSpan ObserverRefresh = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private HashSet<AreaKey> _changed = [];
    private ActivityContext _cause;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ILiveObserver[] _observers = [];
    private long _observersAt;

    public void Changed(AreaKey area)
    {
        lock (_lock)
        {
            if (!_changed.Add(area) || _changed.Count > 1) return;
            // The first change of a flush names its trace: the flush and the pushes it leads to continue that post's trace.
            _cause = Activity.Current?.Context ?? default;
            _wake.TrySetResult();
        }
    }

    /// <summary>Tells every node at once that the alert desk stored a change to an alert.</summary>
    public async Task AlertChangedAsync(string alertId, AlertChangeKind change)
    {
        foreach (var observer in await ObserversAsync(refresh: false)) await Deliver(observer, o => o.AlertChanged(alertId, change));
    }

    /// <summary>Tells every node at once that the geography moved to a new revision.</summary>
    public async Task GeographyChangedAsync(long revision)
    {
        foreach (var observer in await ObserversAsync(refresh: true)) await Deliver(observer, o => o.GeographyChanged(revision));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long lastFlush = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Task wake;
                lock (_lock) wake = _changed.Count > 0 ? Task.CompletedTask : _wake.Task;
                await wake.WaitAsync(stoppingToken);
                // The first change after a quiet spell goes out at once; under a steady feed flushes are spaced by the interval.
                var sinceLast = TimeSpan.FromMilliseconds(Environment.TickCount64 - lastFlush);
                if (sinceLast < options.Value.FlushInterval) await Task.Delay(options.Value.FlushInterval - sinceLast, stoppingToken);
                lastFlush = Environment.TickCount64;
                AreaKey[] areas;
                ActivityContext cause;
                lock (_lock)
                {
                    (areas, cause) = ([.. _changed], _cause);
                    _changed = [];
                    _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                using var span = HotSpotsMetrics.Tracing.StartActivity("hotspots.live.notify", ActivityKind.Internal, cause)?.SetTag("hotspots.areas", areas.Length);
                var observers = await ObserversAsync(refresh: false);
                await Task.WhenAll(observers.Select(o => Deliver(o, x => x.AreasChanged(areas))));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<ILiveObserver[]> ObserversAsync(bool refresh)
    {
        if (refresh || Environment.TickCount64 - _observersAt > ObserverRefresh.TotalMilliseconds || _observers.Length == 0)
        {
            try
            {
                _observers = await grains.GetGrain<ILiveDirectoryGrain>(0).ObserversAsync();
                _observersAt = Environment.TickCount64;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reading the live directory failed; using the observers known before");
            }
        }
        return _observers;
    }

    private async Task Deliver(ILiveObserver observer, Func<ILiveObserver, Task> call)
    {
        try
        {
            await call(observer);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A node that went away stays listed until its registration expires; its dashboards reload on reconnect.
            logger.LogDebug(ex, "A node's live observer did not answer");
        }
    }
}
