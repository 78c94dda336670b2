using System.Text.Json;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Grains;
using HotSpots.Store;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Monitoring;

/// <summary>
/// The log reader's part for the grid: it places each recorded incident (drills are exercises, not places) in its BNG
/// tile and sends each tile grain its batch with the area grains' exactly-once protocol. Tiles do not depend on the
/// geography, so a change of geography leaves them alone. It keeps its own checkpoint (each tile's last batch and the
/// position they all hold), written before the reader records its position; on start it fills the tiles up to the
/// reader's position from its own, which also covers a store whose reader ran before there were tiles.
/// Used only within the reader's turn, so it takes no locks.
/// </summary>
public sealed class CellTileFeed(IIncidentStore store, IGrainFactory grains, IGrainStateStore checkpoints, IOptions<MonitoringOptions> options)
{
    private readonly MonitoringOptions _options = options.Value;

    private const string CheckpointKind = "grid-reader";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, long> _lastSent = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unsaved = new(StringComparer.Ordinal);
    private long _position;
    private string? _etag;

    /// <summary>Restores the feed's checkpoint, refills tiles holding less than it says they were sent, and brings every tile up to <paramref name="readerPosition"/>.</summary>
    public async Task StartAsync(long readerPosition, CancellationToken cancellationToken)
    {
        if (await checkpoints.ReadAsync(CheckpointKind, _options.ReaderName, cancellationToken) is { } stored)
        {
            var state = JsonSerializer.Deserialize<FeedCheckpoint>(stored.Payload, Json)!;
            _etag = stored.ETag;
            _position = state.Position;
            foreach (var (key, sent) in state.LastSent) _lastSent[key] = sent;
        }
        // A tile that came back from an older checkpoint (or from one written before tiles kept location descriptions)
        // would otherwise stay short until an incident of its own arrives: bring every such tile up now.
        var behind = new Dictionary<string, long>(StringComparer.Ordinal);
        await Task.WhenAll(_lastSent.ToList().Select(async pair =>
        {
            var through = await grains.GetGrain<ICellTileGrain>(pair.Key).GetThroughAsync();
            if (through < pair.Value) lock (behind) behind[pair.Key] = through;
        }));
        if (behind.Count > 0) await FillAsync(behind.Keys.ToHashSet(StringComparer.Ordinal), behind, behind.Values.Min(), _position, cancellationToken);
        if (_position < readerPosition) await FillAsync(null, new Dictionary<string, long>(_lastSent, StringComparer.Ordinal), _position, readerPosition, cancellationToken);
    }

    /// <summary>
    /// Places and sends a page of the log (the positions after <paramref name="after"/> up to its last). A tile that
    /// answers with a gap gets the log from what it holds up to <paramref name="after"/>, then the page again.
    /// </summary>
    public async Task SendAsync(IReadOnlyList<LoggedIncident> incidents, long after, CancellationToken cancellationToken)
    {
        var upTo = incidents[^1].Sequence;
        var page = new Dictionary<string, List<CellIncident>>(StringComparer.Ordinal);
        foreach (var incident in incidents) Place(incident, page);
        var behind = await SendAsync(page, _lastSent, upTo);
        if (behind.Count > 0)
        {
            var held = await FillAsync(behind.Keys.ToHashSet(StringComparer.Ordinal), behind, behind.Values.Min(), after, cancellationToken);
            var again = await SendAsync(page.Where(p => held.ContainsKey(p.Key)).ToDictionary(StringComparer.Ordinal), held, upTo);
            if (again.Count > 0) throw new InvalidOperationException($"cell tiles still behind after recovery: {string.Join(", ", again.Keys)}");
        }
        foreach (var key in page.Keys)
        {
            _lastSent[key] = upTo;
            _unsaved.Add(key);
        }
    }

    /// <summary>Sends the tiles one append of this node's ahead of what has been read, as the stretch of positions it fills (see <see cref="IncidentLogTailer"/>).</summary>
    public Task HandAsync(IReadOnlyList<LoggedIncident> appended)
    {
        var byTile = new Dictionary<string, List<CellIncident>>(StringComparer.Ordinal);
        foreach (var incident in appended) Place(incident, byTile);
        var after = appended[0].Sequence - 1;
        var upTo = appended[^1].Sequence;
        return Task.WhenAll(byTile.Select(pair => grains.GetGrain<ICellTileGrain>(pair.Key).ApplyAsync(new TileBatch(pair.Key, after, upTo, [.. pair.Value], Handed: true))));
    }

    /// <summary>
    /// Records the position every tile holds: with <paramref name="write"/>, once each tile sent something since the
    /// last checkpoint has written its own; without, as far as the tiles' own writes cover (the reader's periodic round).
    /// </summary>
    public async Task CheckpointAsync(long upTo, bool write, CancellationToken cancellationToken)
    {
        if (_unsaved.Count == 0 && upTo == _position && _etag is not null) return;
        var round = new CheckpointRound(upTo);
        await Task.WhenAll(_unsaved.ToList().Select(async key =>
        {
            var tile = grains.GetGrain<ICellTileGrain>(key);
            var sent = _lastSent.GetValueOrDefault(key);
            if (write) round.Add(key, await tile.CheckpointAsync(sent, upTo));
            else round.Add(key, sent, await tile.GetWrittenAsync(sent));
        }));
        if (round.Behind.Count > 0)
        {
            await FillAsync(round.Behind.Keys.ToHashSet(StringComparer.Ordinal), round.Behind, round.Behind.Values.Min(), upTo, cancellationToken);
            var again = new CheckpointRound(upTo);
            await Task.WhenAll(round.Behind.Keys.Select(async key => again.Add(key, await grains.GetGrain<ICellTileGrain>(key).CheckpointAsync(_lastSent.GetValueOrDefault(key), upTo))));
            if (again.Behind.Count > 0) throw new InvalidOperationException($"cell tiles still behind after recovery: {string.Join(", ", again.Behind.Keys)}");
        }
        var lastSent = _lastSent.ToDictionary(p => p.Key, p => round.LastSent(p.Key, p.Value), StringComparer.Ordinal);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new FeedCheckpoint(round.Position, lastSent), Json);
        _etag = await checkpoints.WriteAsync(CheckpointKind, _options.ReaderName, payload, _etag, cancellationToken);
        _unsaved.RemoveWhere(key => !round.Unwritten.ContainsKey(key));
        _position = round.Position;
    }

    private async Task<Dictionary<string, long>> SendAsync(IReadOnlyDictionary<string, List<CellIncident>> byTile, IReadOnlyDictionary<string, long> previous, long upTo)
    {
        var behind = new Dictionary<string, long>(StringComparer.Ordinal);
        await Task.WhenAll(byTile.Select(async pair =>
        {
            var batch = new TileBatch(pair.Key, previous.GetValueOrDefault(pair.Key), upTo, [.. pair.Value]);
            var result = await grains.GetGrain<ICellTileGrain>(pair.Key).ApplyAsync(batch);
            if (result.Gap) lock (behind) behind[pair.Key] = result.Through;
        }));
        return behind;
    }

    /// <summary>
    /// Brings tiles (every tile when <paramref name="only"/> is null) up to <paramref name="upTo"/> from the log after
    /// <paramref name="from"/>; <paramref name="held"/> is what each holds already. Records them as sent and returns
    /// what each holds afterwards.
    /// </summary>
    private async Task<Dictionary<string, long>> FillAsync(IReadOnlySet<string>? only, Dictionary<string, long> held, long from, long upTo, CancellationToken cancellationToken)
    {
        var after = from;
        if (from < upTo)
        {
            await foreach (var page in store.PagesAfterAsync(from, _options.PageSize, cancellationToken))
            {
                var pageEnd = after;
                var placed = new Dictionary<string, List<CellIncident>>(StringComparer.Ordinal);
                var past = false;
                foreach (var incident in page)
                {
                    if (past = incident.Sequence > upTo) break;
                    Place(incident, placed);
                    pageEnd = incident.Sequence;
                }
                var byTile = only is null ? placed : placed.Where(p => only.Contains(p.Key)).ToDictionary(StringComparer.Ordinal);
                var behind = await SendAsync(byTile, held, pageEnd);
                if (behind.Count > 0) throw new InvalidOperationException($"cell tiles lost state while being filled: {string.Join(", ", behind.Keys)}");
                foreach (var key in byTile.Keys) held[key] = pageEnd;
                after = pageEnd;
                if (past || after >= upTo) break;
            }
        }
        foreach (var (key, through) in held)
        {
            if (only is not null && !only.Contains(key)) continue;
            _lastSent[key] = through;
            _unsaved.Add(key);
        }
        return held;
    }

    private static void Place(LoggedIncident incident, Dictionary<string, List<CellIncident>> byTile)
    {
        if (incident.Origin == IncidentOrigin.Drill) return;
        var (easting, northing) = BritishNationalGrid.FromWgs84(incident.Latitude, incident.Longitude);
        var (column, row) = CellTiles.TileAt(easting, northing);
        var key = CellTiles.GrainKey(column, row);
        if (!byTile.TryGetValue(key, out var list)) byTile[key] = list = [];
        list.Add(new CellIncident(incident.Sequence, incident.Category, incident.OccurredAt, easting, northing, incident.LocationText));
    }

    private sealed record FeedCheckpoint(long Position, Dictionary<string, long> LastSent);
}
