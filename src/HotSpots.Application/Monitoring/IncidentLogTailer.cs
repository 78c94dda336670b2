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
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Milestones _applied = new();

    /// <summary>Raised after a page is applied, with the areas whose counts changed.</summary>
    public event Action<IReadOnlyCollection<AreaKey>>? AreasChanged;

    /// <summary>Raised when a new geography has been made current, with its revision.</summary>
    public event Action<GeographyModel>? GeographyReplaced;

    public long AppliedSequence => _applied.Current;

    /// <summary>Applies everything in the log now; returns when it has caught up.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            await CatchUpInTurnAsync(cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task CatchUpInTurnAsync(CancellationToken cancellationToken)
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
        await _turn.WaitAsync(cancellationToken);
        try
        {
            while (signal.TryTake(out var appended))
            {
                if (appended[^1].Sequence <= AppliedSequence) continue;
                if (appended[0].Sequence != AppliedSequence + 1) await CatchUpInTurnAsync(cancellationToken);
                else await ApplyAsync(appended);
            }
            await CatchUpInTurnAsync(cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Makes a new geography current without holding up ingest or the live counts. Areas that count exactly as before
    /// keep their monitors. Fresh monitors (new or changed zones, a new ward set, new buffers) are filled from the log up
    /// to the sequence applied when the change began, off this tailer's turn, so appends and live counting go on into
    /// the old snapshot meanwhile. Then, in the tailer's turn, the fresh monitors take the few pages appended since, and
    /// the snapshot is swapped whole between two pages. Every incident is placed from its stored coordinates, so the
    /// history of a changed area is exactly what its new shape holds.
    /// </summary>
    public async Task ReplaceGeographyAsync(GeographyModel next, CancellationToken cancellationToken = default)
    {
        var plan = monitors.Plan(next);
        var filled = AppliedSequence;
        await FillAsync(plan, 0, filled, cancellationToken);
        await _turn.WaitAsync(cancellationToken);
        try
        {
            await FillAsync(plan, filled, AppliedSequence, cancellationToken);
            monitors.Replace(plan);
        }
        finally
        {
            _turn.Release();
        }
        if (plan.Fresh.Count > 0) AreasChanged?.Invoke(plan.Fresh);
        GeographyReplaced?.Invoke(next);
    }

    private async Task FillAsync(GeographyPlan plan, long after, long upTo, CancellationToken cancellationToken)
    {
        if (plan.Fresh.Count == 0) return;
        var scratch = new Placing();
        while (after < upTo)
        {
            var page = await store.ReadAfterAsync(after, options.PageSize, cancellationToken);
            if (page.Count == 0) return;
            var byArea = new Dictionary<AreaKey, List<CountedIncident>>();
            foreach (var incident in page)
            {
                if (incident.Sequence > upTo) break;
                Place(plan.Next, incident, byArea, scratch, plan.Fresh);
            }
            foreach (var (key, incidents) in byArea) await plan.Monitors[key].RecordAsync(incidents);
            after = page[^1].Sequence;
        }
    }

    /// <summary>Completes when the monitors have counted everything up to a sequence number.</summary>
    public Task WhenAppliedAsync(long sequence, CancellationToken cancellationToken = default) =>
        _applied.WhenReachedAsync(sequence, cancellationToken);

    private async Task ApplyAsync(IReadOnlyList<LoggedIncident> page)
    {
        var snapshot = monitors.Current;
        var byArea = new Dictionary<AreaKey, List<CountedIncident>>();
        var scratch = new Placing();
        foreach (var incident in page)
        {
            monitors.Observe(incident.OccurredAt);
            Place(snapshot.Geography, incident, byArea, scratch, null);
        }
        foreach (var (key, incidents) in byArea) await snapshot.Get(key).RecordAsync(incidents);

        _applied.Reach(page[^1].Sequence);
        if (byArea.Count > 0) AreasChanged?.Invoke(byArea.Keys);
    }

    /// <summary>Adds an incident to every area of a geography that holds it (only those in <paramref name="only"/> when given).</summary>
    private static void Place(GeographyModel geography, LoggedIncident incident, Dictionary<AreaKey, List<CountedIncident>> byArea, Placing scratch, IReadOnlySet<AreaKey>? only)
    {
        var counted = new CountedIncident(incident.Category, incident.OccurredAt, incident.Origin, incident.LocationText);
        var placement = geography.Locate(incident.Latitude, incident.Longitude);
        if (placement.Ward is { } ward) Add(byArea, new AreaKey(AreaSetKind.Wards, ward.Code), counted, only);
        foreach (var zone in placement.Zones) Add(byArea, new AreaKey(AreaSetKind.Zones, zone.Code), counted, only);
        scratch.Rings.Clear();
        scratch.Exclusions.Clear();
        geography.LocateEvaluationAreas(incident.Latitude, incident.Longitude, placement.Ward, scratch.Rings, scratch.Exclusions);
        foreach (var ring in scratch.Rings) Add(byArea, new AreaKey(AreaSetKind.Rings, ring.Code), counted, only);
        foreach (var excluded in scratch.Exclusions) Add(byArea, new AreaKey(AreaSetKind.Exclusions, excluded.Code), counted, only);
    }

    private static void Add(Dictionary<AreaKey, List<CountedIncident>> byArea, AreaKey key, CountedIncident incident, IReadOnlySet<AreaKey>? only)
    {
        if (only is not null && !only.Contains(key)) return;
        if (!byArea.TryGetValue(key, out var list)) byArea[key] = list = [];
        list.Add(incident);
    }

    /// <summary>Lists reused for every incident of a page, so placing costs no allocation when there are no operations.</summary>
    private sealed class Placing
    {
        public List<Area> Rings { get; } = [];

        public List<Area> Exclusions { get; } = [];
    }
}
