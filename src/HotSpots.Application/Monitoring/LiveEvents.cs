using HotSpots.Domain.Alerts;
using HotSpots.Grains;

namespace HotSpots.Application.Monitoring;

/// <summary>
/// This node's live observer, registered with the <see cref="ILiveDirectoryGrain"/>: what the area grains changed on
/// any silo arrives here and is handed to this node's own listeners (its dashboard pushes, alert evaluation when the alert desk runs here).
/// </summary>
public sealed class LiveEvents : ILiveObserver
{
    /// <summary>Raised with the areas whose counts changed.</summary>
    public event Action<IReadOnlyCollection<AreaKey>>? AreasUpdated;

    /// <summary>Raised when any node says the store's geography moved to a revision.</summary>
    public event Action<long>? GeographyMoved;

    /// <summary>Raised when the cluster's alert desk stored a change to an alert.</summary>
    public event Action<string, AlertChangeKind>? AlertMoved;

    public Task AreasChanged(AreaKey[] areas)
    {
        AreasUpdated?.Invoke(areas);
        return Task.CompletedTask;
    }

    public Task GeographyChanged(long revision)
    {
        GeographyMoved?.Invoke(revision);
        return Task.CompletedTask;
    }

    public Task AlertChanged(string alertId, AlertChangeKind change)
    {
        AlertMoved?.Invoke(alertId, change);
        return Task.CompletedTask;
    }
}
