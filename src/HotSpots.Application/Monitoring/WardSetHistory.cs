using System.Collections.Concurrent;
using HotSpots.Application.Areas;
using HotSpots.Geography;
using HotSpots.Grains;
using HotSpots.Store;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Monitoring;

/// <summary>
/// Grains for ward sets that are not current, so that past periods can be read on the boundaries they had. A set's
/// grains (their keys name the set) are brought up to the end of the log on first use, from what they hold already,
/// and again on every later use, so late data for old periods (police.uk publishes a month late) is counted too.
/// </summary>
public sealed class WardSetHistory(GeographyCatalog catalog, IIncidentStore store, MonitorDirectory current, IOptions<MonitoringOptions> options)
{
    private readonly MonitoringOptions _options = options.Value;

    private readonly ConcurrentDictionary<string, Activation> _sets = new(StringComparer.Ordinal);

    /// <summary>The monitors of a ward set (the current set's own when it is current), or null when there is no such set.</summary>
    public async Task<MonitorSnapshot?> GetAsync(string wardSetId, CancellationToken cancellationToken = default)
    {
        var live = current.Current;
        if (wardSetId == live.Geography.WardSet.Id) return live;
        if (!_sets.TryGetValue(wardSetId, out var activation))
        {
            if (await catalog.WardSetAsync(wardSetId, cancellationToken) is not { } set) return null;
            var geography = new GeographyModel(set.Wards, new AreaSet(AreaSetKind.Zones, []), set.Info.IsDemo, set.Info);
            activation = _sets.GetOrAdd(wardSetId, _ => new Activation(current.Snapshot(geography)));
        }
        await activation.CatchUpAsync(store, _options.PageSize, cancellationToken);
        return activation.Snapshot;
    }

    private sealed class Activation(MonitorSnapshot snapshot)
    {
        private readonly SemaphoreSlim _turn = new(1, 1);
        private long? _applied;

        public MonitorSnapshot Snapshot { get; } = snapshot;

        public async Task CatchUpAsync(IIncidentStore store, int pageSize, CancellationToken cancellationToken)
        {
            await _turn.WaitAsync(cancellationToken);
            try
            {
                // What the set's grains hold already (from their checkpoints): the least of it is where reading starts.
                _applied ??= (await Task.WhenAll(Snapshot.Monitors.Values.Select(g => g.GetThroughAsync()))).DefaultIfEmpty(0).Min();
                await foreach (var page in store.PagesAfterAsync(_applied.Value, pageSize, cancellationToken))
                {
                    var byWard = new Dictionary<AreaKey, List<CountedIncident>>();
                    foreach (var incident in page)
                    {
                        if (Snapshot.Geography.Wards.Index.FindOne(incident.Longitude, incident.Latitude) is not { } ward) continue;
                        var key = new AreaKey(AreaSetKind.Wards, ward.Code);
                        if (!byWard.TryGetValue(key, out var list)) byWard[key] = list = [];
                        list.Add(new CountedIncident(incident.Sequence, incident.Category, incident.OccurredAt, incident.Origin, incident.LocationText));
                    }
                    var upTo = page[^1].Sequence;
                    // Each grain skips what it holds, so a batch may start anywhere at or before it.
                    await Task.WhenAll(byWard.Select(p => Snapshot.Get(p.Key).ApplyAsync(new AreaBatch(p.Key, 0, upTo, [.. p.Value]))));
                    _applied = upTo;
                }
            }
            finally
            {
                _turn.Release();
            }
        }
    }
}
