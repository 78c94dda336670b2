using System.Runtime.CompilerServices;
using HotSpots.Host.Tests.Infrastructure;

namespace HotSpots.Host.Tests.Hosting;

public sealed class ServerLifetimeTests
{
    private static readonly ConditionalWeakTable<object, Sentinel> Watched = new();

    [Fact]
    public async Task A_stopped_server_is_not_kept_alive_by_timers_of_its_own()
    {
        // ASP.NET's rate-limiting middleware kept every stopped application reachable through its limiter's timer, and
        // a webhook client made at start kept the services for the HTTP handler's two minutes: about 95 MB a server,
        // which took the test run out of memory. The first server a process builds stays reachable through process-wide
        // threads started while it was built (event counters, OpenTelemetry's self-diagnostics), so one may remain.
        var collected = 0;
        var twoCollected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 3; i++)
        {
            await StartSignInAndStopAsync(services => Watched.Add(services, new Sentinel(() =>
            {
                if (Interlocked.Increment(ref collected) == 2) twoCollected.TrySetResult();
            })));
        }

        // A stopped server's connections wind down for a moment, and only a collection can free it: collect, and await
        // the sentinels' word that two servers were freed, collecting again while it has not come.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!twoCollected.Task.IsCompleted && !deadline.IsCancellationRequested)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            try
            {
                await twoCollected.Task.WaitAsync(TimeSpan.FromMilliseconds(100));
            }
            catch (TimeoutException)
            {
            }
        }

        Assert.True(twoCollected.Task.IsCompleted, $"{3 - Volatile.Read(ref collected)} of 3 stopped servers are still reachable");
    }

    // Its own method, so that no local of the test holds the server once it is stopped.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task StartSignInAndStopAsync(Action<IServiceProvider> watch)
    {
        await using var server = new HotSpotsServer();
        using var signedIn = await server.SignedInAsync(HotSpotsServer.ViewerUser);
        (await signedIn.GetAsync("/api/status")).EnsureSuccessStatusCode();
        watch(server.Services);
    }

    /// <summary>Lives as long as the object it watches; its finalizer says that object was collected.</summary>
    private sealed class Sentinel(Action collected)
    {
        ~Sentinel() => collected();
    }
}
