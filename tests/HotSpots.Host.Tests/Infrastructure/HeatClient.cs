using System.Net;
using System.Threading.Channels;
using HotSpots.Application.Drills;
using HotSpots.Application.Monitoring;
using HotSpots.Host.Alerts;
using HotSpots.Host.Live;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Host.Tests.Infrastructure;

/// <summary>A dashboard as the server sees it: a real SignalR HubConnection with typed handlers.</summary>
public sealed class HeatClient : IAsyncDisposable, IDashboardClient
{
    private readonly Channel<HeatSnapshot> _updates = Channel.CreateUnbounded<HeatSnapshot>();
    private readonly Channel<DrillRun> _drills = Channel.CreateUnbounded<DrillRun>();
    private readonly Channel<(string Event, AlertView Alert)> _alerts = Channel.CreateUnbounded<(string, AlertView)>();
    private readonly Channel<GeographyChange> _geography = Channel.CreateUnbounded<GeographyChange>();

    private HeatClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<HeatSnapshot>(nameof(IDashboardClient.HeatChanged), HeatChanged);
        connection.On<DrillRun>(nameof(IDashboardClient.DrillRecorded), DrillRecorded);
        connection.On<AlertView>(nameof(IDashboardClient.AlertRaised), AlertRaised);
        connection.On<AlertView>(nameof(IDashboardClient.AlertUpdated), AlertUpdated);
        connection.On<AlertView>(nameof(IDashboardClient.AlertResolved), AlertResolved);
        connection.On<GeographyChange>(nameof(IDashboardClient.GeographyChanged), GeographyChanged);
    }

    public HubConnection Connection { get; }

    public static async Task<HeatClient> ConnectAsync(Uri server, string viewerKey)
    {
        var hub = new Uri(server, "/hubs/heat");
        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton<IConnectionFactory>(new WebSocketConnectionFactory(hub, viewerKey));
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(hub));
        var client = new HeatClient(builder.Build());
        await client.Connection.StartAsync();
        return client;
    }

    public Task<HeatSnapshot> SubscribeAsync(string set, string group, string window) =>
        Connection.InvokeAsync<HeatSnapshot>(nameof(HeatHub.Subscribe), new HeatSubscription(set, group, window, null));

    public Task HeatChanged(HeatSnapshot update) => _updates.Writer.WriteAsync(update).AsTask();

    public Task DrillRecorded(DrillRun drill) => _drills.Writer.WriteAsync(drill).AsTask();

    public Task AlertRaised(AlertView alert) => _alerts.Writer.WriteAsync((nameof(AlertRaised), alert)).AsTask();

    public Task AlertUpdated(AlertView alert) => _alerts.Writer.WriteAsync((nameof(AlertUpdated), alert)).AsTask();

    public Task AlertResolved(AlertView alert) => _alerts.Writer.WriteAsync((nameof(AlertResolved), alert)).AsTask();

    public Task GeographyChanged(GeographyChange change) => _geography.Writer.WriteAsync(change).AsTask();

    /// <summary>
    /// The first geography change pushed at <paramref name="revision"/> or later, or a timeout exception. A node applies
    /// changes as it sees them, so an earlier one may be pushed on its own first, or the later ones in one push.
    /// </summary>
    public async Task<GeographyChange> GeographyChangeAsync(long revision, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var change = await _geography.Reader.ReadAsync(cts.Token);
            if (change.Revision >= revision) return change;
        }
    }

    /// <summary>The next alert event that satisfies a condition, or a timeout exception.</summary>
    public async Task<(string Event, AlertView Alert)> NextAlertAsync(Func<(string Event, AlertView Alert), bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await foreach (var item in _alerts.Reader.ReadAllAsync(cts.Token))
        {
            if (condition(item)) return item;
        }
        throw new TimeoutException();
    }

    /// <summary>Alert events received so far and not yet taken.</summary>
    public List<(string Event, AlertView Alert)> TakeAlerts()
    {
        var taken = new List<(string, AlertView)>();
        while (_alerts.Reader.TryRead(out var item)) taken.Add(item);
        return taken;
    }

    /// <summary>The next drill announced, or a timeout exception.</summary>
    public async Task<DrillRun> NextDrillAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _drills.Reader.ReadAsync(cts.Token);
    }

    /// <summary>The next update that satisfies a condition, or a timeout exception.</summary>
    public async Task<HeatSnapshot> WaitForAsync(Func<HeatSnapshot, bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await foreach (var update in _updates.Reader.ReadAllAsync(cts.Token))
        {
            if (condition(update)) return update;
        }
        throw new TimeoutException();
    }

    /// <summary>
    /// Folds the pushed updates (each carries only the areas that changed) into the subscription's first snapshot until
    /// the whole set satisfies a condition, as a dashboard keeps its map; the set, or a timeout exception.
    /// </summary>
    public async Task<Dictionary<string, AreaHeat>> WaitForSetAsync(HeatSnapshot start, Func<IReadOnlyDictionary<string, AreaHeat>, bool> condition, TimeSpan timeout)
    {
        var areas = start.Areas.ToDictionary(a => a.Code);
        if (condition(areas)) return areas;
        await WaitForAsync(update =>
        {
            foreach (var area in update.Areas) areas[area.Code] = area;
            return condition(areas);
        }, timeout);
        return areas;
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
