using HotSpots.Geography;
using HotSpots.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Monitoring;

/// <summary>
/// A front node's part in the log: it counts nothing (the silos' readers feed the grains) but follows the log for the
/// times its incidents cover, which heat readings need for their baselines, and switches geography without filling
/// any grain (the silos do that, and their grains answer wherever this node asks them).
/// </summary>
public sealed class LogFollower(IIncidentStore store, MonitorDirectory monitors, IOptions<MonitoringOptions> options, TimeProvider time, ILogger<LogFollower> logger)
    : IGeographySwitch, ILogPosition
{
    private readonly MonitoringOptions _options = options.Value;

    private long _position;

    public long AppliedSequence => Volatile.Read(ref _position);

    /// <summary>Reads the log from where it stopped to its end.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var page in store.PagesAfterAsync(AppliedSequence, _options.PageSize, cancellationToken))
        {
            foreach (var incident in page) monitors.Observe(incident.OccurredAt);
            Volatile.Write(ref _position, page[^1].Sequence);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await CatchUpAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store unreachable for a while: the next poll reads on from the same position.
                    logger.LogWarning(ex, "Following the incident log failed at sequence {Sequence}; trying again", AppliedSequence);
                }
                await Task.Delay(_options.PollInterval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public Task ReplaceGeographyAsync(GeographyModel next, CancellationToken cancellationToken = default)
    {
        monitors.Replace(monitors.Snapshot(next));
        return Task.CompletedTask;
    }
}
