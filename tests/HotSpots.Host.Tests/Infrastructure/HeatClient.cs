using System.Net;
using System.Threading.Channels;
using HotSpots.Application.Drills;
using HotSpots.Application.Monitoring;
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

    private HeatClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<HeatSnapshot>(nameof(IDashboardClient.HeatChanged), HeatChanged);
        connection.On<DrillRun>(nameof(IDashboardClient.DrillRecorded), DrillRecorded);
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

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
