using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace HotSpots.Grains;

/// <summary>
/// Every node's live observer. Registrations expire unless renewed, so a node that died is dropped within
/// <see cref="Expiry"/>; nodes renew every few seconds. Kept alive: its list is soft state that renewals rebuild.
/// </summary>
[KeepAlive]
public sealed class LiveDirectoryGrain(ILogger<LiveDirectoryGrain> logger) : Grain, ILiveDirectoryGrain
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    private readonly ObserverManager<ILiveObserver> _observers = new(Expiry, logger);

    public Task RegisterAsync(ILiveObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnregisterAsync(ILiveObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<ILiveObserver[]> ObserversAsync()
    {
        _observers.ClearExpired();
        return Task.FromResult(_observers.Observers.Values.ToArray());
    }
}
