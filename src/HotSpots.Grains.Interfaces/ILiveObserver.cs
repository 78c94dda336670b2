using HotSpots.Domain.Alerts;
using Orleans.Concurrency;

namespace HotSpots.Grains;

/// <summary>A node's ear for live changes: every node registers one with the <see cref="ILiveDirectoryGrain"/>.</summary>
public interface ILiveObserver : IGrainObserver
{
    /// <summary>These areas' counts changed (gathered by a silo's notifier over at most one flush interval).</summary>
    Task AreasChanged(AreaKey[] areas);

    /// <summary>The store's geography moved to a new revision; nodes rebuild theirs and tell their dashboards.</summary>
    Task GeographyChanged(long revision);

    /// <summary>The cluster's alert desk stored a change to this alert; nodes read it and tell their dashboards.</summary>
    Task AlertChanged(string alertId, AlertChangeKind change);
}

/// <summary>
/// The list of nodes' observers (the hub list of the Orleans samples). Nodes register on start and again on a timer;
/// an observer not heard from within the expiry (a dead node) is dropped.
/// </summary>
public interface ILiveDirectoryGrain : IGrainWithIntegerKey
{
    Task RegisterAsync(ILiveObserver observer);

    Task UnregisterAsync(ILiveObserver observer);

    [ReadOnly]
    Task<ILiveObserver[]> ObserversAsync();
}
