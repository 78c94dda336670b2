using System.Security.Cryptography;
using System.Text;
using HotSpots.Application.Imports;
using HotSpots.Domain.Incidents;
using HotSpots.Store;

namespace HotSpots.Application.Replay;

/// <summary>An incident to replay and the exact time it is replayed at (spread, for month and day precision).</summary>
public readonly record struct ReplayItem(Incident Incident, DateTimeOffset At);

public sealed record ReplayReport(
    string RunId, long Incidents, long Accepted, long Duplicates, long Refused, double Speed,
    DateTimeOffset Started, DateTimeOffset Finished, DateTimeOffset PeriodFrom, DateTimeOffset PeriodTo);

/// <summary>Progress of a replay: how many incidents have been sent, and how far through the replayed period.</summary>
public readonly record struct ReplayProgress(long Sent, long Total, DateTimeOffset ReplayedUpTo);

/// <summary>
/// Feeds incidents through the live path at a chosen speed (<see cref="ReplayPlan"/>), tagged as replays. Every
/// replayed incident gets origin <c>replay</c> and an id prefixed with the run's id, so one period can be replayed
/// more than once into the same replay store. Timing follows the injected clock, so a test drives it with a fake one.
/// </summary>
public sealed class Replayer(IIncidentSink sink, TimeProvider time)
{
    /// <summary>Incidents sent in one write at most, when many fall due at once.</summary>
    public const int MaxBatch = 5000;

    /// <summary>The incidents of [from, to), their times spread with the seed, in time order; drills are never replayed.</summary>
    public static List<ReplayItem> Prepare(IEnumerable<Incident> incidents, DateTimeOffset from, DateTimeOffset to, int seed) =>
        [.. incidents
            .Where(i => i.Origin != IncidentOrigin.Drill)
            .Select(i => new ReplayItem(i, TimeSpreader.Spread(i, seed)))
            .Where(r => r.At >= from && r.At < to)
            .OrderBy(r => r.At)];

    public async Task<ReplayReport> RunAsync(
        IReadOnlyList<ReplayItem> items, ReplayPlan plan, string runId, IProgress<ReplayProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var started = time.GetUtcNow();
        var startedAt = time.GetTimestamp();
        var batch = new IncidentBatch(Math.Min(MaxBatch, Math.Max(1, items.Count)));
        long accepted = 0, duplicates = 0, refused = 0;
        var next = 0;
        while (next < items.Count)
        {
            var due = plan.SendAfter(items[next].At);
            var elapsed = time.GetElapsedTime(startedAt);
            if (due > elapsed) await Task.Delay(due - elapsed, time, cancellationToken);
            elapsed = time.GetElapsedTime(startedAt);

            batch.Clear();
            var sentUpTo = items[next].At;
            while (next < items.Count && batch.Count < MaxBatch && plan.SendAfter(items[next].At) <= elapsed)
            {
                var item = items[next++];
                sentUpTo = item.At;
                batch.Add(item.Incident with
                {
                    SourceId = ReplayId(runId, item.Incident.SourceId),
                    OccurredAt = OccurredAt.Exact(plan.Rebase(item.At, started)),
                    Origin = IncidentOrigin.Replay,
                });
            }
            var result = await sink.WriteAsync(batch, cancellationToken);
            accepted += result.Appended;
            duplicates += result.Duplicates;
            refused += result.Refused.Count;
            if (result.Appended + result.Duplicates == 0 && result.Refused.Count > 0)
                throw new InvalidOperationException($"the replay was refused: {result.Refused[0].Reason}");
            progress?.Report(new ReplayProgress(next, items.Count, sentUpTo));
        }
        return new ReplayReport(runId, items.Count, accepted, duplicates, refused, plan.Speed, started, time.GetUtcNow(), plan.From, plan.To);
    }

    /// <summary>"{run}:{original id}", or the run and a digest of the id when that would be too long.</summary>
    public static string ReplayId(string runId, string sourceId)
    {
        var id = $"{runId}:{sourceId}";
        if (id.Length <= IncidentRules.MaxSourceIdLength) return id;
        return $"{runId}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceId)))[..32]}";
    }
}

/// <summary>
/// Keeps what an import reads, as incidents, so that files can be replayed through the same readers. A repeated
/// (source, sourceId) is kept once, the first, as a store would keep it.
/// </summary>
public sealed class CollectingSink : IIncidentSink
{
    private readonly List<Incident> _incidents = [];
    private readonly HashSet<(string, string)> _seen = [];

    public IReadOnlyList<Incident> Incidents => _incidents;

    public Task<SinkResult> WriteAsync(IncidentBatch batch, CancellationToken cancellationToken)
    {
        var kept = 0;
        lock (_incidents)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var incident = batch[i];
                if (!_seen.Add((incident.Source, incident.SourceId))) continue;
                _incidents.Add(incident);
                kept++;
            }
        }
        return Task.FromResult(SinkResult.Of(kept, batch.Count - kept));
    }
}
