using System.Runtime.CompilerServices;
using HotSpots.Host.Tests.Infrastructure;

namespace HotSpots.Host.Tests.Hosting;

public sealed class ServerLifetimeTests
{
    [Fact]
    public async Task A_stopped_server_is_not_kept_alive_by_timers_of_its_own()
    {
        // ASP.NET's rate-limiting middleware kept every stopped application reachable through its limiter's timer, and
        // a webhook client made at start kept the services for the HTTP handler's two minutes: about 95 MB a server,
        // which took the test run out of memory. The first server a process builds stays reachable through process-wide
        // threads started while it was built (event counters, OpenTelemetry's self-diagnostics), so one may remain.
        var stopped = new List<WeakReference>();
        for (var i = 0; i < 3; i++) stopped.Add(await StartSignInAndStopAsync());

        // Connections and callbacks of a stopped server wind down for a moment after it stops, and only a collection
        // shows when they have: nothing can be awaited, so the test collects every 100 ms until then.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Reachable(stopped) > 1 && DateTime.UtcNow < deadline) await Task.Delay(100);

        Assert.True(Reachable(stopped) <= 1, $"{Reachable(stopped)} of 3 stopped servers are still reachable");
    }

    private static int Reachable(List<WeakReference> stopped)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return stopped.Count(s => s.IsAlive);
    }

    // Its own method, so that no local of the test holds the server once it is stopped.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> StartSignInAndStopAsync()
    {
        await using var server = new HotSpotsServer();
        using var signedIn = await server.SignedInAsync(HotSpotsServer.ViewerUser);
        (await signedIn.GetAsync("/api/status")).EnsureSuccessStatusCode();
        return new WeakReference(server.Services);
    }
}
