using System.Diagnostics;
using System.Text.Json;
using HotSpots.Application.Ingest;
using HotSpots.Application.Telemetry;
using HotSpots.Geography;
using HotSpots.Grains;
using HotSpots.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Monitoring;

/// <summary>
/// This node's reader of the incident log (each silo of a cluster has one; the grains count each incident once). It places each page's incidents and sends every area grain its incidents as one
/// batch, in sequence order: from its own checkpoint on start, then whatever is appended, woken at once by a local
/// append or by the poll for other writers. A batch appended on this node arrives with the wake-up and is sent without
/// reading it back when it follows on from what has been sent. One that does not (other nodes appended in between) is
/// handed to its grains at once as a stretch of its own, and the log is then read once per poll rather than at that
/// append: the live path of a cluster's node never waits on reading the log. Every incident is placed from its stored
/// coordinates, so the grains always match the loaded geography.
/// <para>
/// Exactly once: each batch names the positions it covers and where the area's previous batch ended. A grain skips
/// what it holds, and answers "gap" when it holds less than its previous batch (it restarted from an older checkpoint);
/// the reader then re-reads that stretch of the log for that area alone. Grains write their checkpoints on their own
/// timers; every <see cref="MonitoringOptions.CheckpointInterval"/> the reader records the position those written
/// checkpoints cover (when stopped, it has the grains write first), so a restart reads only the log after it.
/// </para>
/// </summary>
public sealed class IncidentLogTailer(
    IIncidentStore store,
    MonitorDirectory monitors,
    IncidentLogSignal signal,
    IGrainStateStore checkpoints,
    IOptions<MonitoringOptions> options,
    TimeProvider time,
    ILogger<IncidentLogTailer>? logger = null,
    CellTileFeed? tiles = null) : IGeographySwitch, ILogPosition
{
    private readonly MonitoringOptions _options = options.Value;
    private readonly ILogger _logger = logger ?? NullLogger<IncidentLogTailer>.Instance;

    private const string CheckpointKind = "log-reader";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Milestones _applied = new();
    private readonly Lock _sentLock = new();
    private readonly Dictionary<string, long> _lastSent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IAreaGrain> _unsaved = new(StringComparer.Ordinal);
    private long _checkpointed;
    private string? _checkpointETag;
    private long _lastCheckpointAt;
    private long _lastReadAt;

    // This node's appends handed to their grains ahead of what has been read, in log order. Once what precedes one is
    // applied, it is applied as read, from memory: appends that commit together may be handed over out of order, and a
    // single writer then reads nothing back. A read of the log drops those it covered.
    private readonly List<IReadOnlyList<LoggedIncident>> _heldAhead = [];

    public long AppliedSequence => _applied.Current;

    /// <summary>The position every area grain has checkpointed up to: a restart reads the log after it.</summary>
    public long CheckpointedSequence => Volatile.Read(ref _checkpointed);

    /// <summary>
    /// Starts from the last checkpoint: grains of areas it did not cover (a geography changed just before a crash) are
    /// brought up to it first, then the log after it is applied.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            _lastCheckpointAt = time.GetTimestamp();
            if (await checkpoints.ReadAsync(CheckpointKind, _options.ReaderName, cancellationToken) is { } stored)
            {
                var state = JsonSerializer.Deserialize<ReaderCheckpoint>(stored.Payload, Json)!;
                _checkpointETag = stored.ETag;
                _checkpointed = state.Position;
                ObserveCoverage(state);
                foreach (var (key, sent) in state.LastSent) _lastSent[key] = sent;
                var snapshot = monitors.Current;
                var unknown = snapshot.Monitors.Keys.Where(k => !_lastSent.ContainsKey(snapshot.Geography.GrainKey(k))).ToHashSet();
                if (unknown.Count > 0) await BringUpAsync(snapshot, unknown, state.Position, cancellationToken);
                _applied.Reach(state.Position);
            }
            if (tiles is not null) await tiles.StartAsync(AppliedSequence, cancellationToken);
            await CatchUpInTurnAsync(cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

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

    /// <summary>
    /// Reads the log to its end; with <paramref name="yieldToHanded"/>, only until an append handed over since can take
    /// over from where the read has got to. A read at a wake can start between one of this node's appends committing
    /// and its being handed over: reading on, page after page, while an import committed the next appends behind it,
    /// one benchmark run in three read back every row it had been handed (5 s of the server's time), where stopping
    /// costs a page.
    /// </summary>
    /// <returns>False when it stopped for a handed append, which the caller takes before reading on.</returns>
    private async Task<bool> CatchUpInTurnAsync(CancellationToken cancellationToken, bool yieldToHanded = false)
    {
        _lastReadAt = time.GetTimestamp();
        await foreach (var page in store.PagesAfterAsync(AppliedSequence, _options.PageSize, cancellationToken))
        {
            await ApplyAsync(page, cancellationToken);
            if (yieldToHanded && signal.HoldsFrom(AppliedSequence + 1)) return false;
        }
        return true;
    }

    /// <summary>Tails until cancelled, checkpointing on the way; cancellation ends it normally.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var polled = true;
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await ApplyPendingAsync(readLog: polled, cancellationToken);
                    if (time.GetElapsedTime(_lastCheckpointAt) >= _options.CheckpointInterval) await RecordWrittenAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A silo that died holds some grains until the cluster declares it dead; nothing was marked applied,
                    // so the next round sends the same pages again and the grains skip what they hold.
                    _logger.LogWarning(ex, "Applying the incident log failed at sequence {Sequence}; trying again", AppliedSequence);
                }
                polled = !await signal.WaitAsync(_options.PollInterval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Applies the batches this node handed over, then anything else the log holds.</summary>
    public Task ApplyPendingAsync(CancellationToken cancellationToken = default) => ApplyPendingAsync(readLog: true, cancellationToken);

    /// <summary>
    /// Applies the batches this node handed over, then reads the log unless one of them had to be handed ahead (other
    /// writers' rows came between) and the poll is not yet due. With several nodes appending, reading at every append
    /// would have each node read the log and send every node's incidents as they come, when its own appends reach their
    /// grains without it. A node whose appends all followed on is the log's one writer of late, and the read is nearly
    /// free (it stops at the log's committed end): a bulk import into PostgreSQL ran 5–8% slower end to end when these
    /// reads waited for the poll too.
    /// </summary>
    private async Task ApplyPendingAsync(bool readLog, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var handedAhead = false;
            while (true)
            {
                handedAhead |= await TakeHandedAsync(cancellationToken);
                var readDue = readLog || !handedAhead || time.GetElapsedTime(_lastReadAt) >= _options.PollInterval;
                if (!readDue || await CatchUpInTurnAsync(cancellationToken, yieldToHanded: true)) break;
            }
            await FollowOnAsync(cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Applies or holds what this node handed over; true when something had to be handed ahead of the log.</summary>
    private async Task<bool> TakeHandedAsync(CancellationToken cancellationToken)
    {
        var handedAhead = false;
        while (signal.TryTake(out var appended, out var cause))
        {
            if (appended[^1].Sequence <= AppliedSequence) continue;
            using var span = HotSpotsMetrics.Tracing.StartActivity("hotspots.log.apply", ActivityKind.Internal, cause)?.SetTag("hotspots.incidents", appended.Count);
            // A handed batch stands for its positions only as one unbroken run (one append), and for the log only when it
            // also follows on from what has been read; one that a read has partly covered goes on from where the read stopped.
            var unbroken = appended[^1].Sequence - appended[0].Sequence + 1 == appended.Count;
            if (unbroken && appended[0].Sequence <= AppliedSequence + 1) await ApplyAsync(After(appended, AppliedSequence), cancellationToken);
            else if (unbroken)
            {
                await HandAsync(appended);
                handedAhead = true;
            }
            else await CatchUpInTurnAsync(cancellationToken);
            await FollowOnAsync(cancellationToken);
        }
        return handedAhead;
    }

    /// <summary>
    /// Has every area grain sent something since the last checkpoint write its own, then records the position they all
    /// hold: the one a restart reads the log after. Done on stopping, so a restart reads nothing twice.
    /// </summary>
    public Task CheckpointAsync(CancellationToken cancellationToken = default) => RecordPositionAsync(write: true, cancellationToken);

    /// <summary>
    /// The periodic round: records the position the grains' own writes already cover, writing nothing. Grains write on
    /// their own timers, spread out, once per interval; were each reader to have them write, every grain would write
    /// once per node and per interval, all at once, on the live path. A grain whose written state lacks some of what it
    /// was sent holds the recorded position back to before its first unwritten incident, and is asked again next round.
    /// </summary>
    public Task RecordWrittenAsync(CancellationToken cancellationToken = default) => RecordPositionAsync(write: false, cancellationToken);

    private async Task RecordPositionAsync(bool write, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            _lastCheckpointAt = time.GetTimestamp();
            var snapshot = monitors.Current;
            var upTo = AppliedSequence;
            List<KeyValuePair<string, IAreaGrain>> unsaved;
            lock (_sentLock) unsaved = [.. _unsaved];
            if (unsaved.Count == 0 && upTo == _checkpointed && _checkpointETag is not null) return;
            var round = new CheckpointRound(upTo);
            await Task.WhenAll(unsaved.Select(async pair =>
            {
                var sent = LastSent(pair.Key);
                if (write) round.Add(pair.Key, await pair.Value.CheckpointAsync(sent, upTo));
                else round.Add(pair.Key, sent, await pair.Value.GetWrittenAsync(sent));
            }));
            var behind = round.Behind;
            if (behind.Count > 0)
            {
                var keys = snapshot.Monitors.Keys.Where(k => behind.ContainsKey(snapshot.Geography.GrainKey(k))).ToHashSet();
                Sent(snapshot, await FillAsync(snapshot, keys, behind, behind.Values.Min(), upTo, cancellationToken));
                await Task.WhenAll(keys.Select(k => snapshot.Get(k).CheckpointAsync(LastSent(snapshot.Geography.GrainKey(k)), upTo)));
            }
            if (tiles is not null) await tiles.CheckpointAsync(upTo, write, cancellationToken);
            var lastSent = snapshot.Monitors.Keys.Select(snapshot.Geography.GrainKey).ToDictionary(k => k, k => round.LastSent(k, LastSent(k)), StringComparer.Ordinal);
            var (timed, months) = monitors.CoverageRuns;
            var state = new ReaderCheckpoint(round.Position,
                timed.Count > 0 ? new DateTimeOffset(timed[0].Start, TimeSpan.Zero) : null, months.Count > 0 ? (int)months[0].Start : null,
                lastSent, timed, months);
            _checkpointETag = await checkpoints.WriteAsync(CheckpointKind, _options.ReaderName, JsonSerializer.SerializeToUtf8Bytes(state, Json), _checkpointETag, cancellationToken);
            lock (_sentLock)
            {
                foreach (var pair in unsaved.Where(p => !round.Unwritten.ContainsKey(p.Key))) _unsaved.Remove(pair.Key);
            }
            Volatile.Write(ref _checkpointed, round.Position);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Makes a new geography current without holding up ingest or the live counts. Areas that count exactly as before
    /// keep their grains (their keys carry the area's version). Fresh grains (new or changed zones, a new ward set,
    /// new buffers) are filled from the log up to the sequence applied when the change began, off this reader's turn,
    /// so appends and live counting go on into the old snapshot meanwhile. Then, in the reader's turn, the fresh grains
    /// take the few pages appended since, and the snapshot is swapped whole between two pages.
    /// </summary>
    public async Task ReplaceGeographyAsync(GeographyModel next, CancellationToken cancellationToken = default)
    {
        var current = monitors.Current;
        var snapshot = monitors.Snapshot(next);
        var fresh = snapshot.Monitors.Keys
            .Where(k => !current.Monitors.ContainsKey(k) || current.Geography.GrainKey(k) != next.GrainKey(k))
            .ToHashSet();
        var filled = AppliedSequence;
        var held = await ThroughAsync(snapshot, fresh);
        if (fresh.Count > 0) held = await FillAsync(snapshot, fresh, held, held.Values.Min(), filled, cancellationToken);
        await _turn.WaitAsync(cancellationToken);
        try
        {
            held = await FillAsync(snapshot, fresh, held, filled, AppliedSequence, cancellationToken);
            Sent(snapshot, held);
            monitors.Replace(snapshot);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Completes when the grains have counted everything up to a sequence number.</summary>
    public Task WhenAppliedAsync(long sequence, CancellationToken cancellationToken = default) =>
        _applied.WhenReachedAsync(sequence, cancellationToken);

    private async Task ApplyAsync(IReadOnlyList<LoggedIncident> page, CancellationToken cancellationToken)
    {
        var (snapshot, byArea) = Place(page);
        var after = AppliedSequence;
        var upTo = page[^1].Sequence;
        // Cell tiles and area grains are independent: the tiles' batches go out alongside, off the push's path, and both
        // are done before the next page.
        await Task.WhenAll(SendPageAsync(snapshot, byArea, after, upTo, cancellationToken), tiles?.SendAsync(page, after, cancellationToken) ?? Task.CompletedTask);
        _applied.Reach(upTo);
    }

    /// <summary>
    /// Sends the grains an append of this node's that lies ahead of what has been read, as the stretch of positions it
    /// fills, and holds it until what precedes it is applied. Nothing is recorded as sent: it is sent again in order
    /// (from memory or from the log), and the grains skip what they hold, so a grain that loses the stretch before
    /// writing it still counts it once.
    /// </summary>
    private async Task HandAsync(IReadOnlyList<LoggedIncident> appended)
    {
        var at = _heldAhead.FindIndex(held => held[0].Sequence > appended[0].Sequence);
        _heldAhead.Insert(at < 0 ? _heldAhead.Count : at, appended);
        var (snapshot, byArea) = Place(appended);
        var after = appended[0].Sequence - 1;
        var upTo = appended[^1].Sequence;
        await Task.WhenAll(
            Task.WhenAll(byArea.Select(pair => snapshot.Get(pair.Key).ApplyAsync(new AreaBatch(pair.Key, after, upTo, [.. pair.Value], Handed: true)))),
            tiles?.HandAsync(appended) ?? Task.CompletedTask);
    }

    /// <summary>The part of an unbroken run of sequences after <paramref name="sequence"/>.</summary>
    private static IReadOnlyList<LoggedIncident> After(IReadOnlyList<LoggedIncident> run, long sequence) =>
        run[0].Sequence > sequence ? run : [.. run.Skip((int)(sequence + 1 - run[0].Sequence))];

    /// <summary>Applies the appends held ahead that now follow on from what has been applied; drops those already covered.</summary>
    private async Task FollowOnAsync(CancellationToken cancellationToken)
    {
        while (_heldAhead.Count > 0)
        {
            var next = _heldAhead[0];
            if (next[^1].Sequence > AppliedSequence && next[0].Sequence != AppliedSequence + 1) return;
            _heldAhead.RemoveAt(0);
            if (next[^1].Sequence > AppliedSequence) await ApplyAsync(next, cancellationToken);
        }
    }

    private (MonitorSnapshot Snapshot, Dictionary<AreaKey, List<CountedIncident>> ByArea) Place(IReadOnlyList<LoggedIncident> page)
    {
        var snapshot = monitors.Current;
        var byArea = new Dictionary<AreaKey, List<CountedIncident>>();
        var scratch = new Placing();
        foreach (var incident in page)
        {
            monitors.Observe(incident.OccurredAt);
            Place(snapshot.Geography, incident, byArea, scratch, null);
        }
        return (snapshot, byArea);
    }

    private async Task SendPageAsync(MonitorSnapshot snapshot, Dictionary<AreaKey, List<CountedIncident>> byArea, long after, long upTo, CancellationToken cancellationToken)
    {
        var behind = await SendAsync(snapshot, byArea, upTo);
        if (behind.Count > 0)
        {
            // These grains lost incidents they had been sent: give them the log up to this page, then this page again.
            var keys = byArea.Keys.Where(k => behind.ContainsKey(snapshot.Geography.GrainKey(k))).ToHashSet();
            Sent(snapshot, await FillAsync(snapshot, keys, behind, behind.Values.Min(), after, cancellationToken));
            var again = await SendAsync(snapshot, byArea.Where(p => keys.Contains(p.Key)).ToDictionary(), upTo);
            if (again.Count > 0) throw new InvalidOperationException($"area grains still behind after recovery: {string.Join(", ", again.Keys)}");
        }
    }

    /// <summary>
    /// Sends each area its batch; returns the grains that answered with a gap, and what they hold. Live batches (no
    /// <paramref name="previous"/>) are recorded as sent at once; a fill's are recorded by its caller when it is done.
    /// </summary>
    private async Task<Dictionary<string, long>> SendAsync(MonitorSnapshot snapshot, IReadOnlyDictionary<AreaKey, List<CountedIncident>> byArea, long upTo, IReadOnlyDictionary<string, long>? previous = null)
    {
        var behind = new Dictionary<string, long>(StringComparer.Ordinal);
        await Task.WhenAll(byArea.Select(async pair =>
        {
            var grainKey = snapshot.Geography.GrainKey(pair.Key);
            var grain = snapshot.Get(pair.Key);
            var from = previous is not null ? previous[grainKey] : LastSent(grainKey);
            var result = await grain.ApplyAsync(new AreaBatch(pair.Key, from, upTo, [.. pair.Value]));
            if (result.Gap)
            {
                lock (behind) behind[grainKey] = result.Through;
                return;
            }
            if (previous is not null) return;
            lock (_sentLock)
            {
                _lastSent[grainKey] = upTo;
                _unsaved[grainKey] = grain;
            }
        }));
        return behind;
    }

    /// <summary>
    /// Brings some grains of a snapshot up to <paramref name="upTo"/> from the log after <paramref name="from"/>,
    /// placing incidents for those areas alone. <paramref name="held"/> says, by grain key, what each grain holds
    /// already; returns what each holds afterwards (for <see cref="Sent"/>).
    /// </summary>
    private async Task<Dictionary<string, long>> FillAsync(
        MonitorSnapshot snapshot, IReadOnlySet<AreaKey> keys, IReadOnlyDictionary<string, long> held, long from, long upTo, CancellationToken cancellationToken)
    {
        var previous = new Dictionary<string, long>(held, StringComparer.Ordinal);
        if (keys.Count == 0 || from >= upTo) return previous;
        var after = from;
        var scratch = new Placing();
        await foreach (var page in store.PagesAfterAsync(from, _options.PageSize, cancellationToken))
        {
            var byArea = new Dictionary<AreaKey, List<CountedIncident>>();
            var pageEnd = after;
            foreach (var incident in page)
            {
                if (incident.Sequence > upTo) break;
                Place(snapshot.Geography, incident, byArea, scratch, keys);
                pageEnd = incident.Sequence;
            }
            var behind = await SendAsync(snapshot, byArea, pageEnd, previous);
            if (behind.Count > 0) throw new InvalidOperationException($"area grains lost state while being filled: {string.Join(", ", behind.Keys)}");
            foreach (var key in byArea.Keys) previous[snapshot.Geography.GrainKey(key)] = pageEnd;
            after = pageEnd;
            if (after >= upTo) break;
        }
        return previous;
    }

    /// <summary>Records fill results as sent, so the next checkpoint has those grains write theirs.</summary>
    private void Sent(MonitorSnapshot snapshot, IReadOnlyDictionary<string, long> held)
    {
        var grains = snapshot.Monitors.ToDictionary(p => snapshot.Geography.GrainKey(p.Key), p => p.Value, StringComparer.Ordinal);
        lock (_sentLock)
        {
            foreach (var (grainKey, through) in held)
            {
                _lastSent[grainKey] = through;
                if (grains.TryGetValue(grainKey, out var grain)) _unsaved[grainKey] = grain;
            }
        }
    }

    /// <summary>Brings grains the last checkpoint did not cover up to its position.</summary>
    private async Task BringUpAsync(MonitorSnapshot snapshot, IReadOnlySet<AreaKey> keys, long position, CancellationToken cancellationToken)
    {
        var held = await ThroughAsync(snapshot, keys);
        Sent(snapshot, await FillAsync(snapshot, keys, held, held.Values.Min(), position, cancellationToken));
    }

    private static async Task<Dictionary<string, long>> ThroughAsync(MonitorSnapshot snapshot, IReadOnlySet<AreaKey> keys)
    {
        var held = await Task.WhenAll(keys.Select(async k => (Key: snapshot.Geography.GrainKey(k), Through: await snapshot.Get(k).GetThroughAsync())));
        return held.ToDictionary(h => h.Key, h => h.Through, StringComparer.Ordinal);
    }

    private long LastSent(string grainKey)
    {
        lock (_sentLock) return _lastSent.GetValueOrDefault(grainKey);
    }

    /// <summary>Adds an incident to every area of a geography that holds it (only those in <paramref name="only"/> when given).</summary>
    private static void Place(GeographyModel geography, LoggedIncident incident, Dictionary<AreaKey, List<CountedIncident>> byArea, Placing scratch, IReadOnlySet<AreaKey>? only)
    {
        var counted = new CountedIncident(incident.Sequence, incident.Category, incident.OccurredAt, incident.Origin, incident.LocationText);
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

    /// <summary>
    /// A checkpoint written before coverage was kept in stretches knows only the earliest incident: that coverage is
    /// taken to run unbroken from it to now, as it was read then, rather than lost (the log before it is not read again).
    /// </summary>
    private void ObserveCoverage(ReaderCheckpoint state)
    {
        if (state.Timed is not null && state.Months is not null)
        {
            monitors.Observe(state.Timed, state.Months);
            return;
        }
        var now = time.GetUtcNow();
        monitors.Observe(
            state.FirstExact is { } first ? [new DataRun(first.UtcTicks, Math.Max(first.UtcTicks, now.UtcTicks))] : [],
            state.FirstMonth is { } month ? [new DataRun(month, Math.Max(month, now.Year * 12 + now.Month - 1))] : []);
    }

    /// <summary>
    /// The reader's own checkpoint: its position, the data's coverage, and where each area's last batch ended. The
    /// coverage is kept as stretches of data (<paramref name="Timed"/> in ticks, <paramref name="Months"/> as month
    /// indices); <paramref name="FirstExact"/> and <paramref name="FirstMonth"/> (the earliest data) are what a
    /// checkpoint of an earlier version holds, and what such a version reads.
    /// </summary>
    private sealed record ReaderCheckpoint(
        long Position, DateTimeOffset? FirstExact, int? FirstMonth, Dictionary<string, long> LastSent,
        IReadOnlyList<DataRun>? Timed = null, IReadOnlyList<DataRun>? Months = null);
}
