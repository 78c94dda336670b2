using System.Runtime.CompilerServices;
using HotSpots.Domain.Incidents;

namespace HotSpots.Store;

public enum AppendOutcome : byte
{
    Appended,
    Duplicate,
}

/// <summary>
/// What a monitor needs of a logged incident: its place in the log, what, when, where (with the published location
/// description, for repeat locations), and whether it is a drill.
/// </summary>
public readonly record struct LoggedIncident(
    long Sequence, Category Category, OccurredAt OccurredAt, double Latitude, double Longitude, IncidentOrigin Origin = IncidentOrigin.Recorded,
    string? LocationText = null);

/// <summary>
/// How many recorded incidents (never drills or replays) of a category a month holds at one point. Incidents are
/// counted in the UTC month of their time, whatever its precision, so a police.uk row dated by month alone counts in
/// that month. Points are kept apart so the reader can place them in whichever geography it reports on; police.uk
/// snaps every location to an anonymised map point, so a month of a county is a few thousand points, not every row.
/// </summary>
public readonly record struct MonthlyPointCount(int MonthIndex, Category Category, double Latitude, double Longitude, int Count);

/// <summary>
/// What a store is for. A live store holds real incidents (and drills); a replay store holds replayed ones, so that a
/// replay can never mix with the record. A store's purpose is fixed when it is created.
/// </summary>
public enum StorePurpose
{
    Live,
    Replay,
}

/// <summary>
/// What an append did: an outcome per submitted incident, in submission order, and the incidents it added to the log,
/// in log order, so the node that wrote them can count them without reading them back.
/// </summary>
public sealed record AppendResult(AppendOutcome[] Outcomes, IReadOnlyList<LoggedIncident> Appended);

/// <summary>
/// The system of record: an append-only log of incidents, idempotent on (source, sourceId). A batch is written in one
/// transaction and is durable when <see cref="AppendAsync"/> returns. Nodes build their monitors by tailing the log
/// in sequence order.
/// </summary>
public interface IIncidentStore : IAsyncDisposable
{
    StorePurpose Purpose { get; }

    /// <summary>Appends a batch atomically; an incident whose (source, sourceId) is already stored changes nothing.</summary>
    Task<AppendResult> AppendAsync(IncidentBatch incidents, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> incidents after a sequence number, in log order.</summary>
    Task<IReadOnlyList<LoggedIncident>> ReadAfterAsync(long afterSequence, int max, CancellationToken cancellationToken = default);

    /// <summary>Whole incidents whose time starts in [<paramref name="from"/>, <paramref name="to"/>), in time order (for replays).</summary>
    IAsyncEnumerable<Incident> ReadIncidentsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>What appending the batch would do, without writing: each item appended or a duplicate (for dry runs).</summary>
    Task<AppendOutcome[]> PreviewAsync(IncidentBatch incidents, CancellationToken cancellationToken = default);

    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>The sequence of the newest incident in the log, 0 when it is empty: how far a reader has to go.</summary>
    Task<long> LastSequenceAsync(CancellationToken cancellationToken = default);

    /// <summary>Recorded incidents by month, category and point, for the months from <paramref name="firstMonth"/> to <paramref name="lastMonth"/> inclusive (month indexes, as <see cref="OccurredAt.MonthIndex"/>).</summary>
    Task<IReadOnlyList<MonthlyPointCount>> CountRecordedByMonthAsync(int firstMonth, int lastMonth, CancellationToken cancellationToken = default);

    /// <summary>The latest time of an incident from a source (any source when null), or null when there is none.</summary>
    Task<DateTimeOffset?> LatestOccurredAtAsync(string? source, CancellationToken cancellationToken = default);
}

public static class IncidentStoreExtensions
{
    /// <summary>The first instant of a month given by its index (as <see cref="OccurredAt.MonthIndex"/>), in UTC.</summary>
    public static DateTimeOffset MonthStart(int monthIndex) => new(monthIndex / 12, monthIndex % 12 + 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Appends incidents given as objects (the API's batches are small; imports fill an <see cref="IncidentBatch"/>).</summary>
    public static Task<AppendResult> AppendAsync(this IIncidentStore store, IReadOnlyList<Incident> incidents, CancellationToken cancellationToken = default) =>
        store.AppendAsync(IncidentBatch.From(incidents), cancellationToken);

    /// <summary>
    /// The log after a position, a page at a time in log order, up to its end as it stands: a page shorter than
    /// <paramref name="pageSize"/> is the last, so a reader racing a busy writer still stops (and reads on at its next
    /// wake-up). Each page is read once the one before has been handled, so a reader that fails part way has recorded
    /// only what it handled.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<LoggedIncident>> PagesAfterAsync(
        this IIncidentStore store, long afterSequence, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var page = await store.ReadAfterAsync(afterSequence, pageSize, cancellationToken);
            if (page.Count == 0) yield break;
            yield return page;
            if (page.Count < pageSize) yield break;
            afterSequence = page[^1].Sequence;
        }
    }
}
