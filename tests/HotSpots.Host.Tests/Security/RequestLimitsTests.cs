using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HotSpots.Application.Accounts;
using HotSpots.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Host.Tests.Security;

public sealed class RequestLimitsTests
{
    private static readonly Dictionary<string, string?> SmallLimits = new()
    {
        ["HotSpots:Limits:MaxRequestBodyBytes"] = "65536",
        ["HotSpots:Limits:MaxBulkRequestBodyBytes"] = "1048576",
    };

    [Fact]
    public async Task A_sign_in_with_a_ten_million_character_name_is_refused_413_and_nothing_is_remembered()
    {
        await using var server = new HotSpotsServer();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/sign-in")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { name = new string('n', 10_000_000), password = "guess" }), Encoding.UTF8, "application/json"),
        };
        // The server refuses on the declared length; without 100-continue the client would still be sending when it closes.
        // The client's own wait for the answer (1 s by default) must outlast a busy machine, or it sends the body anyway.
        request.Headers.ExpectContinue = true;
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = server.BaseAddress };

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, server.Services.GetRequiredService<SignInThrottle>().Count);
    }

    [Fact]
    public async Task An_ordinary_endpoint_refuses_a_body_over_the_request_limit()
    {
        await using var server = new HotSpotsServer(SmallLimits);
        var note = new { note = new string('x', 100_000) };

        var response = await server.Analyst().PostAsJsonAsync("/api/alerts/none/acknowledge", note);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_batch_endpoint_takes_bodies_up_to_the_bulk_limit_and_no_further()
    {
        await using var server = new HotSpotsServer(SmallLimits);
        var fits = Enumerable.Range(0, 600).Select(i => HotSpotsServer.Incident($"fits-{i}")).ToArray();
        var tooBig = Enumerable.Range(0, 6_000).Select(i => HotSpotsServer.Incident($"too-big-{i}")).ToArray();

        var accepted = await server.PostAsync(fits);
        var refused = await server.PostAsync(tooBig);

        Assert.True(JsonSerializer.SerializeToUtf8Bytes(fits).Length > 65_536);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(600, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
    }
}
