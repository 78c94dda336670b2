using HotSpots.Application.Monitoring;
using HotSpots.Geography;
using HotSpots.Store;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Areas;

/// <summary>
/// Keeps this node's geography at the store's revision. A change made on this node wakes it at once; one made on
/// another node (sharing the store) is seen at the next poll. Each change is built and handed to the tailer (on a silo), which
/// re-assigns history without stopping ingest; changes are applied one at a time, newest state first, so a burst of
/// edits costs one re-assignment.
/// </summary>
public sealed class GeographyWatcher(GeographyCatalog catalog, IOperationStore store, IGeographySwitch tailer, MonitorDirectory monitors, IOptions<MonitoringOptions> options, TimeProvider time)
{
    private readonly MonitoringOptions _options = options.Value;

    private readonly Milestones _applied = new();
    private readonly Wakeup _changed = new();

    /// <summary>Raised when this node has made a new geography current (its grains filled, its snapshot swapped).</summary>
    public event Action<GeographyModel>? Applied;

    /// <summary>Raised when a poll of the store's geography failed (it is tried again at the next one).</summary>
    public event Action<Exception>? Failed;

    /// <summary>The revision the monitors now reflect.</summary>
    public long AppliedRevision => _applied.Current;

    /// <summary>Says that the store's geography has just changed on this node.</summary>
    public void Changed() => _changed.Set();

    /// <summary>Completes when the monitors reflect a revision (or a later one).</summary>
    public Task WhenAppliedAsync(long revision, CancellationToken cancellationToken = default) =>
        _applied.WhenReachedAsync(revision, cancellationToken);

    /// <summary>
    /// Loads the first geography, at start: configured zones seeded into the store, then everything read back, so zones
    /// edited through the API and a ward set made current survive a restart. Returns what the operator should know.
    /// </summary>
    public async Task<IReadOnlyList<string>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var notes = await catalog.SeedAsync(cancellationToken);
        var geography = await catalog.BuildAsync(cancellationToken);
        monitors.Load(geography);
        _applied.Reach(geography.Revision);
        return notes;
    }

    /// <summary>Applies the store's revision now if this node is behind it.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var revision = await store.GeographyRevisionAsync(cancellationToken);
        if (revision != AppliedRevision)
        {
            var next = await catalog.BuildAsync(cancellationToken);
            await tailer.ReplaceGeographyAsync(next, cancellationToken);
            Applied?.Invoke(next);
        }
        _applied.Reach(monitors.Geography.Revision);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await RefreshAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store unreachable for a while: this node keeps the geography it has and asks again at the next poll.
                    Failed?.Invoke(ex);
                }
                await _changed.WaitAsync(_options.PollInterval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
