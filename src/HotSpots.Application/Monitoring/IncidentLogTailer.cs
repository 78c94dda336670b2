using HotSpots.Application.Ingest;
using HotSpots.Geography;
using HotSpots.Store;

namespace HotSpots.Application.Monitoring;

/// <summary>Bound from <c>HotSpots:Monitoring</c>.</summary>
public sealed class MonitoringOptions
{
    /// <summary>How often the log is read for incidents written by other processes (the import tool, other nodes).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Incidents read from the store per page.</summary>
    public int PageSize { get; set; } = 20_000;
}

/// <summary>
/// Feeds this node's monitors from the incident log, in sequence order: all of it on start (activation rebuilds every
/// monitor's state), then whatever is appended, woken at once by a local append or by the poll for other writers.
/// A batch appended on this node arrives with the wake-up and is applied without reading it back, when it follows on
/// from what has been counted; anything else is read from the log. Every incident is placed again from its stored
/// coordinates, so the monitors always match the loaded geography.
/// </summary>
public sealed class IncidentLogTailer(
    IIncidentStore store,
    MonitorDirectory monitors,
    IncidentLogSignal signal,
    MonitoringOptions options,
    TimeProvider time)
{
    private readonly Lock _waitersLock = new();
    private readonly List<(long Sequence, TaskCompletionSource Done)> _waiters = [];
    private long _applied;

    /// <summary>Raised after a page is applied, with the areas whose counts changed.</summary>
    public event Action<IReadOnlyCollection<AreaKey>>? AreasChanged;

    public long AppliedSequence => Interlocked.Read(ref _applied);

    /// <summary>Applies everything in the log now; returns when it has caught up.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var page = await store.ReadAfterAsync(AppliedSequence, options.PageSize, cancellationToken);
            if (page.Count == 0) return;
            await ApplyAsync(page);
            if (page.Count < options.PageSize) return;
        }
    }

    /// <summary>Tails until cancelled; cancellation ends it normally.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var woken = signal.Next;
                await ApplyPendingAsync(cancellationToken);
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(options.PollInterval, time, poll.Token);
                await Task.WhenAny(woken, delay);
                await poll.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Applies the batches this node handed over, then anything else the log holds.</summary>
    public async Task ApplyPendingAsync(CancellationToken cancellationToken = default)
    {
        while (signal.TryTake(out var appended))
        {
            if (appended[^1].Sequence <= AppliedSequence) continue;
            if (appended[0].Sequence != AppliedSequence + 1) await CatchUpAsync(cancellationToken);
            else await ApplyAsync(appended);
        }
        await CatchUpAsync(cancellationToken);
    }

    /// <summary>Completes when the monitors have counted everything up to a sequence number.</summary>
    public Task WhenAppliedAsync(long sequence, CancellationToken cancellationToken = default)
    {
        lock (_waitersLock)
        {
            if (AppliedSequence >= sequence) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((sequence, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    private async Task ApplyAsync(IReadOnlyList<LoggedIncident> page)
    {
        var geography = monitors.Geography;
        var byArea = new Dictionary<AreaKey, List<CountedIncident>>();
        foreach (var incident in page)
        {
            monitors.Observe(incident.OccurredAt);
            var counted = new CountedIncident(incident.Category, incident.OccurredAt, incident.Origin, incident.LocationText);
            var placement = geography.Locate(incident.Latitude, incident.Longitude);
            if (placement.Ward is { } ward) Add(byArea, new AreaKey(AreaSetKind.Wards, ward.Code), counted);
            foreach (var zone in placement.Zones) Add(byArea, new AreaKey(AreaSetKind.Zones, zone.Code), counted);
        }
        foreach (var (key, incidents) in byArea) await monitors.Get(key).RecordAsync(incidents);

        Interlocked.Exchange(ref _applied, page[^1].Sequence);
        ReleaseWaiters();
        if (byArea.Count > 0) AreasChanged?.Invoke(byArea.Keys);
    }

    private void ReleaseWaiters()
    {
        lock (_waitersLock)
        {
            var applied = AppliedSequence;
            _waiters.RemoveAll(w =>
            {
                if (w.Sequence > applied) return false;
                w.Done.TrySetResult();
                return true;
            });
        }
    }

    private static void Add(Dictionary<AreaKey, List<CountedIncident>> byArea, AreaKey key, CountedIncident incident)
    {
        if (!byArea.TryGetValue(key, out var list)) byArea[key] = list = [];
        list.Add(incident);
    }
}
