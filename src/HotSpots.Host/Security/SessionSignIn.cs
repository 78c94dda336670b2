using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HotSpots.Host.Security;

/// <summary>
/// Issues the dashboard's session cookie for a person and a role. This is the seam for an organisation's single
/// sign-on: an OpenID Connect or SAML handler maps the identity provider's group claim to a role and calls
/// <see cref="SignInAsync"/> with its own method name; everything after (cookie, roles, policies, hub) is shared.
/// </summary>
public sealed class SessionSignIn(SessionRegistry sessions)
{
    public const string StampClaim = "hotspots:stamp";

    /// <summary>The server-side session (<see cref="SessionRegistry"/>) a cookie belongs to.</summary>
    public const string SessionClaim = "hotspots:session";

    public async Task<ClaimsPrincipal> SignInAsync(HttpContext context, string name, string role, string method, string? stamp = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.AuthenticationMethod, method) };
        claims.AddRange(Roles.Implied(role).Select(r => new Claim(ClaimTypes.Role, r)));
        if (stamp is not null) claims.Add(new Claim(StampClaim, stamp));
        claims.Add(new Claim(SessionClaim, await sessions.StartAsync(name)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        return principal;
    }

    /// <summary>Ends the session a cookie belongs to, so that no copy of the cookie works any more.</summary>
    public async Task SignOutAsync(HttpContext context)
    {
        var current = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (current.Principal?.FindFirstValue(SessionClaim) is { } id) await sessions.EndAsync(id);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Keeps a session only while it is live on the server (not signed out or revoked, within its lifetime), and a
    /// password session only while its user still exists with the same password and role, so removing a user or
    /// changing a password ends their sessions at their next request.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        if (!await services.GetRequiredService<SessionRegistry>().IsLiveAsync(principal?.FindFirstValue(SessionClaim)))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        if (principal?.FindFirstValue(ClaimTypes.AuthenticationMethod) != "password") return;
        var user = services.GetRequiredService<UserDirectory>().Find(principal.Identity?.Name ?? "");
        if (user is null || user.MustChangePassword || user.Stamp != principal.FindFirstValue(StampClaim)) context.RejectPrincipal();
    }
}
