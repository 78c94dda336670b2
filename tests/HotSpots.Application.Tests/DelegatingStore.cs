using HotSpots.Domain.Incidents;
using HotSpots.Store;

namespace HotSpots.Application.Tests;

/// <summary>A real store behind a test's own hooks: override what the test watches or breaks.</summary>
public class DelegatingStore(IIncidentStore inner) : IIncidentStore
{
    public StorePurpose Purpose => inner.Purpose;

    public virtual Task<AppendResult> AppendAsync(IncidentBatch incidents, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(incidents, cancellationToken);

    public virtual Task<IReadOnlyList<LoggedIncident>> ReadAfterAsync(long afterSequence, int max, CancellationToken cancellationToken = default) =>
        inner.ReadAfterAsync(afterSequence, max, cancellationToken);

    public IAsyncEnumerable<Incident> ReadIncidentsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        inner.ReadIncidentsAsync(from, to, cancellationToken);

    public Task<AppendOutcome[]> PreviewAsync(IncidentBatch incidents, CancellationToken cancellationToken = default) =>
        inner.PreviewAsync(incidents, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);

    public Task<long> LastSequenceAsync(CancellationToken cancellationToken = default) => inner.LastSequenceAsync(cancellationToken);

    public Task<IReadOnlyList<MonthlyPointCount>> CountRecordedByMonthAsync(int firstMonth, int lastMonth, CancellationToken cancellationToken = default) =>
        inner.CountRecordedByMonthAsync(firstMonth, lastMonth, cancellationToken);

    public Task<DateTimeOffset?> LatestOccurredAtAsync(string? source, CancellationToken cancellationToken = default) =>
        inner.LatestOccurredAtAsync(source, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
