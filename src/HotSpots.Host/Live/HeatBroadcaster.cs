using System.Diagnostics;
using HotSpots.Application.Areas;
using HotSpots.Application.Monitoring;
using HotSpots.Application.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Live;

/// <summary>
/// Turns area changes (from the grains on every silo, through this node's <see cref="LiveEvents"/>) into
/// <c>HeatChanged</c> pushes to the dashboards connected to this node. Changes are gathered into a dirty set; a push goes out at
/// once when the last one is older than <see cref="LiveOptions.MinPushInterval"/> and otherwise when it has passed,
/// so a busy feed gives a few batched updates a second and a quiet one gives immediate ones. Only areas whose values
/// differ from what the group was last sent are included. At each clock hour every area is recomputed, because
/// rolling windows move even when nothing new arrives.
/// </summary>
public sealed class HeatBroadcaster(
    LiveEvents events,
    GeographyWatcher watcher,
    HeatService heat,
    HeatSubscriptions subscriptions,
    IHubContext<HeatHub, IDashboardClient> hub,
    IOptions<LiveOptions> options,
    TimeProvider time,
    ILogger<HeatBroadcaster> logger,
    HotSpotsMetrics metrics) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly Wakeup _changed = new();
    private HashSet<AreaKey> _dirty = [];
    private ActivityContext _cause;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        events.AreasUpdated += OnAreasChanged;
        watcher.Applied += OnGeographyReplaced;
        try
        {
            long? lastPush = null;
            while (!stoppingToken.IsCancellationRequested)
            {
                var everyArea = !await _changed.WaitUntilNextHourAsync(time, stoppingToken);
                // Areas reported during the last push's wait went out with it; the wake-up they left has nothing to send.
                lock (_lock)
                {
                    if (!everyArea && _dirty.Count == 0) continue;
                }
                var sinceLast = lastPush is { } t ? time.GetElapsedTime(t) : TimeSpan.MaxValue;
                if (sinceLast < options.Value.MinPushInterval) await Task.Delay(options.Value.MinPushInterval - sinceLast, time, stoppingToken);
                lastPush = time.GetTimestamp();
                await PushAsync(everyArea, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            events.AreasUpdated -= OnAreasChanged;
            watcher.Applied -= OnGeographyReplaced;
        }
    }

    private async void OnGeographyReplaced(HotSpots.Geography.GeographyModel geography)
    {
        try
        {
            await hub.Clients.All.GeographyChanged(new GeographyChange(geography.Revision, geography.WardSet.Id));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Pushing the geography change failed");
        }
    }

    private void OnAreasChanged(IReadOnlyCollection<AreaKey> keys)
    {
        lock (_lock)
        {
            // The first change of a round names the trace its pushes continue (the post's, when it came from a grain).
            if (_dirty.Count == 0) _cause = Activity.Current?.Context ?? default;
            _dirty.UnionWith(keys);
        }
        _changed.Set();
    }

    private async Task PushAsync(bool everyArea, CancellationToken cancellationToken)
    {
        HashSet<AreaKey> dirty;
        ActivityContext cause;
        lock (_lock)
        {
            (dirty, cause) = (_dirty, _cause);
            _dirty = [];
        }
        var pushed = 0;
        foreach (var (group, selection) in subscriptions.Active())
        {
            var codes = everyArea ? null : dirty.Where(k => k.Set == selection.Set).Select(k => k.Code).ToList();
            if (codes is { Count: 0 }) continue;
            try
            {
                var snapshot = await heat.GetAsync(selection, codes, cancellationToken);
                var changed = subscriptions.TakeChanged(group, snapshot.Areas);
                if (changed.Count == 0) continue;
                using (HotSpotsMetrics.Tracing.StartActivity("hotspots.heat.push", ActivityKind.Producer, everyArea ? default : cause)?.SetTag("hotspots.areas", changed.Count))
                    await hub.Clients.Group(group).HeatChanged(snapshot with { Areas = changed });
                pushed++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Pushing heat to {Group} failed", group);
            }
        }
        if (pushed > 0) metrics.Pushed(pushed);
        else if (!everyArea) metrics.NothingToPush();
    }
}
