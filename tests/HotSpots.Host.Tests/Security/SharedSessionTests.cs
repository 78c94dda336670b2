using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HotSpots.Host.Security;
using HotSpots.Host.Tests.Infrastructure;

namespace HotSpots.Host.Tests.Security;

/// <summary>Two host processes over one PostgreSQL database share dashboard sessions and the keys of their cookies.</summary>
public sealed class SharedSessionTests : PostgresNodeTests
{
    [Fact]
    public async Task A_sign_in_on_one_node_is_good_on_another_and_a_sign_out_there_ends_it_on_the_first_within_the_recheck_time()
    {
        await using var a = await HostProcess.StartAsync(Node("a"));
        await using var b = await HostProcess.StartAsync(Node("b"));
        var cookies = new CookieContainer();
        using var onA = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = a.BaseAddress };
        (await onA.PostAsJsonAsync("/api/account/sign-in", new { name = HotSpotsServer.ViewerUser, password = HotSpotsServer.Password })).EnsureSuccessStatusCode();
        using var copyOnA = CookieClient(a.BaseAddress, cookies.GetCookieHeader(a.BaseAddress));
        using var copyOnB = CookieClient(b.BaseAddress, cookies.GetCookieHeader(a.BaseAddress));

        Assert.Equal(HttpStatusCode.OK, (await copyOnB.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await copyOnA.GetAsync("/api/status")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await copyOnB.PostAsync("/api/account/sign-out", null)).StatusCode);
        var ended = Stopwatch.StartNew();

        Assert.Equal(HttpStatusCode.Unauthorized, (await copyOnB.GetAsync("/api/status")).StatusCode);
        // Node A trusted the session a moment ago, so it may go on honouring requests begun within the recheck time,
        // not later ones. A request is judged by when it began, since on a busy machine it may take a while to answer.
        while (true)
        {
            var began = ended.Elapsed;
            if ((await copyOnA.GetAsync("/api/status")).StatusCode == HttpStatusCode.Unauthorized) break;
            Assert.True(began < SessionRegistry.Recheck + TimeSpan.FromMilliseconds(500), $"node A honoured a request begun {began.TotalSeconds:0.0} s after sign-out");
        }
    }

    private string[] Node(string name) =>
    [
        .. NodeBasics(name), "--HotSpots:Security:IngestKeys:0=ingest",
        $"--HotSpots:Security:Users:0:Name={HotSpotsServer.ViewerUser}", $"--HotSpots:Security:Users:0:PasswordHash={HotSpotsServer.QuickHash}",
        "--HotSpots:Security:Users:0:Role=viewer",
    ];

    private static HttpClient CookieClient(Uri address, string cookie)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = address };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        client.DefaultRequestHeaders.Add(RequestForgeryGuard.Header, "test");
        return client;
    }
}
