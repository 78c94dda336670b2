using HotSpots.Application.Ingest;
using HotSpots.Store;

namespace HotSpots.Application.Imports;

/// <summary>One refused item of a written batch: its reference (file and line) and why.</summary>
public readonly record struct SinkRefusal(long Reference, string Reason, bool OutsideArea);

/// <summary>What writing a batch did: how many were new, how many were stored already, and any the far side refused.</summary>
public sealed record SinkResult(int Appended, int Duplicates, IReadOnlyList<SinkRefusal> Refused)
{
    public static SinkResult Of(int appended, int duplicates) => new(appended, duplicates, []);
}

/// <summary>
/// Where an import's batches go: straight into a store, through a running server's API, or nowhere (a dry run).
/// Batches arrive in file order; up to two may be in flight at once.
/// </summary>
public interface IIncidentSink
{
    Task<SinkResult> WriteAsync(IncidentBatch batch, CancellationToken cancellationToken);
}

/// <summary>Appends to the store; when this process also counts (the benchmark), the signal hands the batch to the tailer.</summary>
public sealed class StoreSink(IIncidentStore store, IncidentLogSignal? signal = null) : IIncidentSink
{
    public async Task<SinkResult> WriteAsync(IncidentBatch batch, CancellationToken cancellationToken)
    {
        var result = await store.AppendAsync(batch, cancellationToken);
        signal?.Notify(result.Appended);
        return SinkResult.Of(result.Appended.Count, result.Outcomes.Length - result.Appended.Count);
    }
}

/// <summary>A dry run against a store: says what would be new and what is stored already, and writes nothing.</summary>
public sealed class PreviewSink(IIncidentStore store) : IIncidentSink
{
    public async Task<SinkResult> WriteAsync(IncidentBatch batch, CancellationToken cancellationToken)
    {
        var outcomes = await store.PreviewAsync(batch, cancellationToken);
        var appended = outcomes.Count(o => o == AppendOutcome.Appended);
        return SinkResult.Of(appended, outcomes.Length - appended);
    }
}
