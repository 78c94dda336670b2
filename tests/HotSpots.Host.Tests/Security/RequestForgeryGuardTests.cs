using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Host.Security;
using HotSpots.Host.Tests.Infrastructure;

namespace HotSpots.Host.Tests.Security;

public sealed class RequestForgeryGuardTests : ServerTests
{
    private string OwnOrigin => Server.BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>Another port of the same host: the same site, so SameSite=Strict still sends the cookie from there.</summary>
    private string OtherPort => $"http://{Server.BaseAddress.Host}:{Server.BaseAddress.Port + 1}";

    [Fact]
    public async Task A_body_less_post_with_the_session_cookie_but_without_the_header_is_refused_403()
    {
        var analyst = await Server.SignedInAsync(HotSpotsServer.AnalystUser);
        analyst.DefaultRequestHeaders.Remove(RequestForgeryGuard.Header);

        var forged = await analyst.PostAsync("/api/alerts/none/resolve", null);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("Request header missing", (await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/alerts/none/resolve", HttpStatusCode.NotFound)]
    [InlineData("/hubs/heat/negotiate?negotiateVersion=1", HttpStatusCode.OK)]
    public async Task A_session_request_from_another_origin_is_refused_even_with_the_header_and_one_from_this_origin_goes_through(
        string path, HttpStatusCode fromHere)
    {
        var analyst = await Server.SignedInAsync(HotSpotsServer.AnalystUser);

        var foreign = await SendAsync(analyst, HttpMethod.Post, path, OtherPort);
        var own = await SendAsync(analyst, HttpMethod.Post, path, OwnOrigin);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("Cross-origin request refused", (await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(fromHere, own.StatusCode);
    }

    [Fact]
    public async Task Fetch_metadata_saying_cross_site_is_refused_when_there_is_no_origin()
    {
        var analyst = await Server.SignedInAsync(HotSpotsServer.AnalystUser);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/alerts/none/resolve");
        request.Headers.Add("Sec-Fetch-Site", "same-site");

        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Signing_in_from_another_origin_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/sign-in")
        {
            Content = JsonContent.Create(new { name = HotSpotsServer.ViewerUser, password = HotSpotsServer.Password }),
        };
        request.Headers.Add("Origin", OtherPort);

        Assert.Equal(HttpStatusCode.Forbidden, (await Server.Client().SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Requests_with_a_key_need_neither_the_header_nor_an_origin()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/alerts/none/resolve");
        request.Headers.Add("Origin", OtherPort);

        Assert.Equal(HttpStatusCode.NotFound, (await Server.Analyst().SendAsync(request)).StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string origin)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", origin);
        return client.SendAsync(request);
    }
}
