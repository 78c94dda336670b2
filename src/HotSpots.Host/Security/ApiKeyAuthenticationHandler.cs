using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Security;

/// <summary>
/// Keys as credentials: <c>X-Api-Key</c> for partner systems that post incidents, <c>Authorization: Bearer</c> (or
/// <c>access_token</c> on the hub, where browsers cannot set headers on WebSockets) for viewers. Keys are compared
/// as SHA-256 digests in constant time. An admin key is also an analyst key, and an analyst key a viewer key.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<SecurityOptions> security)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HotSpotsKey";

    public const string ChallengeDetail =
        "Posting incidents needs an ingest key in X-Api-Key; reading needs a signed-in session or a viewer key as Authorization: Bearer (analyst and admin keys for more).";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var keys = security.CurrentValue;
        if (Request.Headers.TryGetValue("X-Api-Key", out var apiKey))
        {
            var presented = apiKey.ToString();
            foreach (var (partner, settings) in keys.Partners)
            {
                if (Matches(presented, [settings.Key]))
                    return Task.FromResult(Success(partner, [Roles.Ingest], settings.Sources.Select(source => new Claim(IngestSources.Claim, source))));
            }
            return Task.FromResult(Matches(presented, keys.IngestKeys)
                ? Success(Roles.Ingest)
                : AuthenticateResult.Fail("the X-Api-Key is not an ingest key"));
        }

        var bearer = Request.Headers.Authorization.ToString();
        var token = bearer.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? bearer["Bearer ".Length..].Trim()
            : Request.Path.StartsWithSegments("/hubs") ? Request.Query["access_token"].ToString() : "";
        if (token.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        if (Matches(token, keys.AdminKeys)) return Task.FromResult(Success(Roles.Admin, Roles.Analyst, Roles.Viewer));
        if (Matches(token, keys.AnalystKeys)) return Task.FromResult(Success(Roles.Analyst, Roles.Viewer));
        return Task.FromResult(Matches(token, keys.ViewerKeys)
            ? Success(Roles.Viewer)
            : AuthenticateResult.Fail("the bearer token is not a viewer, analyst or admin key"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            statusCode: 401,
            title: "Unauthorized",
            detail: ChallengeDetail)
            .ExecuteAsync(Context);
    }

    private AuthenticateResult Success(params string[] roles) => Success(roles[0], roles, []);

    private AuthenticateResult Success(string name, string[] roles, IEnumerable<Claim> more)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r)), .. more], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static bool Matches(string presented, IEnumerable<string> accepted)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in accepted.Where(k => !string.IsNullOrEmpty(k)))
        {
            match |= CryptographicOperations.FixedTimeEquals(digest, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }
        return match;
    }
}
