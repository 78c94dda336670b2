using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Application.Accounts;
using HotSpots.Host.Security;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Host.Tests.Security;

public sealed class SignInTests : ServerTests
{
    [Fact]
    public async Task A_configured_user_signs_in_and_the_session_cookie_reads_the_api_with_their_role()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Server.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/heat")).StatusCode);

        var response = await client.PostAsJsonAsync("/api/account/sign-in", new { name = HotSpotsServer.AnalystUser, password = HotSpotsServer.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("HotSpots.Session="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var account = await client.GetFromJsonAsync<JsonElement>("/api/account");
        Assert.Equal(HotSpotsServer.AnalystUser, account.GetProperty("name").GetString());
        Assert.Equal("analyst", account.GetProperty("role").GetString());
        Assert.Equal("password", account.GetProperty("method").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/heat")).StatusCode);
    }

    [Fact]
    public async Task A_session_over_https_is_marked_secure()
    {
        var client = Server.Client();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/sign-in")
        {
            Content = JsonContent.Create(new { name = HotSpotsServer.ViewerUser, password = HotSpotsServer.Password }),
        };
        // As a TLS-terminating proxy reports it; the host honours forwarded headers.
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("secure", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Roles_decide_what_a_signed_in_person_may_do()
    {
        var viewer = await Server.SignedInAsync(HotSpotsServer.ViewerUser);
        var analyst = await Server.SignedInAsync(HotSpotsServer.AnalystUser);
        var admin = await Server.SignedInAsync(HotSpotsServer.AdminUser);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/alerts/none/acknowledge", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.PostAsJsonAsync("/api/alerts/none/acknowledge", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync("/api/drills", new { scenario = "grays-asb" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/drills", new { scenario = "grays-asb", count = 1 })).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_or_unknown_name_is_401_with_the_same_words()
    {
        var client = Server.Client();

        var wrong = await client.PostAsJsonAsync("/api/account/sign-in", new { name = HotSpotsServer.ViewerUser, password = "not the password" });
        var unknown = await client.PostAsJsonAsync("/api/account/sign-in", new { name = "nobody", password = "not the password" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(
            (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/account/sign-in", new { name = "vera" })).StatusCode);
    }

    [Fact]
    public async Task A_name_longer_than_any_user_name_is_400_naming_it_and_is_not_remembered()
    {
        var response = await Server.Client().PostAsJsonAsync("/api/account/sign-in", new { name = new string('n', 10_000), password = "guess" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("name is longer than 128 characters", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(0, Server.Services.GetRequiredService<SignInThrottle>().Count);
    }

    [Fact]
    public async Task Five_failures_lock_the_name_even_against_the_right_password()
    {
        var client = Server.Client();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized,
                (await client.PostAsJsonAsync("/api/account/sign-in", new { name = HotSpotsServer.ViewerUser, password = $"guess {i}" })).StatusCode);
        }

        var fifth = await client.PostAsJsonAsync("/api/account/sign-in", new { name = HotSpotsServer.ViewerUser, password = "guess 5" });
        var right = await client.PostAsJsonAsync("/api/account/sign-in", new { name = HotSpotsServer.ViewerUser, password = HotSpotsServer.Password });
        var other = await client.PostAsJsonAsync("/api/account/sign-in", new { name = HotSpotsServer.AnalystUser, password = HotSpotsServer.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("try again in 15 minutes", (await right.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_stranger_locking_out_a_name_does_not_lock_out_its_owner_at_another_address()
    {
        async Task<HttpStatusCode> SignInFrom(string address, string password)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/sign-in") { Content = JsonContent.Create(new { name = HotSpotsServer.AdminUser, password }) };
            request.Headers.Add("X-Forwarded-For", address);
            return (await Server.Client().SendAsync(request)).StatusCode;
        }
        for (var i = 0; i < 5; i++) await SignInFrom("203.0.113.66", $"guess {i}");

        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInFrom("203.0.113.66", HotSpotsServer.Password));
        Assert.Equal(HttpStatusCode.OK, await SignInFrom("198.51.100.10", HotSpotsServer.Password));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await Server.SignedInAsync(HotSpotsServer.ViewerUser);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/status")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/account/sign-out", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task A_copy_of_the_cookie_taken_before_signing_out_no_longer_works()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Server.BaseAddress };
        (await client.PostAsJsonAsync("/api/account/sign-in", new { name = HotSpotsServer.ViewerUser, password = HotSpotsServer.Password })).EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Add(RequestForgeryGuard.Header, "test");
        var copy = Server.Client();
        copy.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(Server.BaseAddress));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/status")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/account/sign-out", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_ends_every_session_of_a_person_and_only_theirs()
    {
        var first = await Server.SignedInAsync(HotSpotsServer.AnalystUser);
        var second = await Server.SignedInAsync(HotSpotsServer.AnalystUser);
        var other = await Server.SignedInAsync(HotSpotsServer.ViewerUser);

        var revoked = await Server.Admin().DeleteAsync($"/api/account/sessions/{HotSpotsServer.AnalystUser}");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(2, (await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ended").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.DeleteAsync($"/api/account/sessions/{HotSpotsServer.AdminUser}")).StatusCode);
    }

    [Fact]
    public async Task A_session_outlives_a_restart_because_its_keys_are_kept_in_the_store()
    {
        using var dir = new TempDirectory();
        var cookies = new CookieContainer();
        Uri address;
        await using (var first = new HotSpotsServer(directory: dir.Path))
        {
            address = first.BaseAddress;
            var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = address };
            (await client.PostAsJsonAsync("/api/account/sign-in", new { name = HotSpotsServer.ViewerUser, password = HotSpotsServer.Password })).EnsureSuccessStatusCode();
        }

        await using var second = new HotSpotsServer(directory: dir.Path);
        var again = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = second.BaseAddress };
        again.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(address));

        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/status")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "session-keys")));
    }
}

public sealed class FirstAdminTests
{
    private static readonly Dictionary<string, string?> NoUsers = new()
    {
        ["HotSpots:Security:Users:0:Name"] = "",
        ["HotSpots:Security:Users:0:PasswordHash"] = "",
        ["HotSpots:Security:Users:1:Name"] = "",
        ["HotSpots:Security:Users:1:PasswordHash"] = "",
        ["HotSpots:Security:Users:2:Name"] = "",
        ["HotSpots:Security:Users:2:PasswordHash"] = "",
    };

    [Fact]
    public async Task Without_configured_users_a_first_admin_gets_a_one_time_password_that_must_be_changed()
    {
        await using var server = new HotSpotsServer(NoUsers);
        var oneTime = server.Services.GetRequiredService<UserDirectory>().OneTimePassword;
        Assert.NotNull(oneTime);
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.BaseAddress };

        var first = await client.PostAsJsonAsync("/api/account/sign-in", new { name = "admin", password = oneTime });
        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.True((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passwordChangeRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/status")).StatusCode);

        var weak = await client.PostAsJsonAsync("/api/account/sign-in", new { name = "admin", password = oneTime, newPassword = "short" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.StatusCode);

        var changed = await client.PostAsJsonAsync("/api/account/sign-in", new { name = "admin", password = oneTime, newPassword = "the admin's own passphrase" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("admin", (await client.GetFromJsonAsync<JsonElement>("/api/account")).GetProperty("role").GetString());

        var again = await server.Client().PostAsJsonAsync("/api/account/sign-in", new { name = "admin", password = oneTime });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await server.Client().PostAsJsonAsync("/api/account/sign-in", new { name = "admin", password = "the admin's own passphrase" })).StatusCode);
        Assert.DoesNotContain(oneTime!, await File.ReadAllTextAsync(Path.Combine(server.Directory, "hotspots-first-admin.json")));
    }

    [Fact]
    public async Task A_misconfigured_user_stops_the_service_at_start_with_the_reason()
    {
        var settings = new Dictionary<string, string?>(NoUsers)
        {
            ["HotSpots:Security:Users:0:Name"] = "sam",
            ["HotSpots:Security:Users:0:PasswordHash"] = "plain-text-password",
            ["HotSpots:Security:Users:0:Role"] = "boss",
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await new HotSpotsServer(settings).DisposeAsync());

        var message = error.ToString();
        Assert.Contains("HotSpots:Security:Users:0:PasswordHash is not a hash made by 'hotspots hash-password'", message);
        Assert.Contains("Role 'boss' is not viewer, analyst or admin", message);
    }
}
