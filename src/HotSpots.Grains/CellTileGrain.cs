using HotSpots.Domain.Grid;
using Microsoft.Extensions.Options;

namespace HotSpots.Grains;

/// <summary>A cell tile grain's checkpoint: the position it holds everything up to, and its incidents.</summary>
[GenerateSerializer]
public sealed class TileCheckpoint
{
    /// <summary>Checkpoints written before points kept their location descriptions read as format 0.</summary>
    public const int CurrentFormat = 1;

    [Id(0)] public long Through { get; set; }

    [Id(1)] public byte[] Incidents { get; set; } = [];

    [Id(2)] public int Format { get; set; }

    /// <summary>Stretches held beyond <see cref="Through"/>, as (after, up to) pairs.</summary>
    [Id(3)] public long[] Ahead { get; set; } = [];
}

/// <summary>
/// One tile's incidents for the grid, kept and checkpointed as <see cref="AreaGrain"/> keeps its counts: a crash loses
/// only what the log gives back.
/// </summary>
public sealed class CellTileGrain(
    [PersistentState("tile", AreaGrain.StorageName)] IPersistentState<TileCheckpoint> checkpoint,
    IOptions<CheckpointOptions> options) : Grain, ICellTileGrain
{
    private CellTally _tally = new();
    private readonly LogCursor _cursor = new();

    // The grid asks every tile the same question until an incident arrives; one answer serves them all.
    private CellSumQuery? _lastQuery;
    private CellSums? _lastSums;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An older checkpoint lacks the points' location descriptions: the tile starts empty, answers "gap" to the
        // reader's next batch and gets its whole stretch of the log again, descriptions included.
        if (checkpoint.RecordExists && checkpoint.State.Format == TileCheckpoint.CurrentFormat && checkpoint.State.Incidents.Length > 0)
        {
            using var reader = new BinaryReader(new MemoryStream(checkpoint.State.Incidents));
            _tally = CellTally.Read(reader);
            _cursor.Restore(checkpoint.State.Through, checkpoint.State.Ahead);
        }
        var interval = options.Value.CheckpointInterval;
        this.RegisterGrainTimer(_ => _cursor.SaveIfChangedAsync(SaveAsync), interval, interval);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _cursor.SaveIfChangedAsync(SaveAsync);

    // Unlike an area grain's counts, a tile's checkpoint grows with its incidents, so it is written on the timer, the
    // reader's checkpoint and deactivation only, not every CheckpointEvery incidents while a big log is read.
    public Task<AreaApplied> ApplyAsync(TileBatch batch)
    {
        int applied;
        if (batch.Handed) applied = _cursor.Hold(batch.Previous, batch.UpTo, batch.Incidents, static i => i.Sequence, Record);
        else if (!_cursor.TryApply(batch.Previous, batch.UpTo, batch.Incidents, static i => i.Sequence, Record, out applied))
            return Task.FromResult(_cursor.Gap);
        if (applied > 0) _lastQuery = null;
        return Task.FromResult(_cursor.Held);
    }

    public Task<AreaApplied> CheckpointAsync(long previous, long upTo) => _cursor.CheckpointAsync(previous, upTo, SaveAsync);

    private void Record(CellIncident incident) => _tally.Record(incident.Category, incident.OccurredAt, incident.Easting, incident.Northing, incident.Location);

    public Task<AreaWritten> GetWrittenAsync(long previous) => Task.FromResult(_cursor.Written(previous));

    public Task<long> GetThroughAsync() => Task.FromResult(_cursor.Through);

    public Task<CellSums> GetSumsAsync(CellSumQuery query)
    {
        if (_lastSums is not null && SameQuestion(_lastQuery, query)) return Task.FromResult(_lastSums);
        var sums = _tally.Sum(new CellSize(query.CellMetres), query.Group, query.Window, query.MonthIndex, query.At, query.Weights);
        var result = new CellSums([.. sums.Keys.Select(c => c.Column)], [.. sums.Keys.Select(c => c.Row)], [.. sums.Values], _tally.Count);
        (_lastQuery, _lastSums) = (query, result);
        return Task.FromResult(result);
    }

    public Task<CellLocations> GetLocationsAsync(CellLocationQuery query)
    {
        var sums = query.Sums;
        var cells = query.Columns.Select((column, i) => new GridCell(column, query.Rows[i])).ToHashSet();
        var counts = _tally.Locations(new CellSize(sums.CellMetres), cells, sums.Group, sums.Window, sums.MonthIndex, sums.At);
        return Task.FromResult(new CellLocations(
            [.. counts.Select(c => c.Cell.Column)], [.. counts.Select(c => c.Cell.Row)], [.. counts.Select(c => c.Location)], [.. counts.Select(c => c.Count)]));
    }

    // A rolling window's answer holds for its clock hour; weights compare by value, not by array.
    private static bool SameQuestion(CellSumQuery? a, CellSumQuery b) =>
        a is not null && a.CellMetres == b.CellMetres && a.Group == b.Group && a.Window == b.Window && a.MonthIndex == b.MonthIndex
        && (b.Window.IsCalendarMonth || Domain.Heat.AreaCounts.HourIndex(a.At) == Domain.Heat.AreaCounts.HourIndex(b.At))
        && (a.Weights is null ? b.Weights is null : b.Weights is not null && a.Weights.AsSpan().SequenceEqual(b.Weights));

    private async Task SaveAsync()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) _tally.Write(writer);
        checkpoint.State = new TileCheckpoint { Through = _cursor.Through, Ahead = _cursor.Ahead, Incidents = buffer.ToArray(), Format = TileCheckpoint.CurrentFormat };
        await checkpoint.WriteStateAsync();
        _cursor.Saved();
    }
}
