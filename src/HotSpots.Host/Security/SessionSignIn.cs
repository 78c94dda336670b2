using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HotSpots.Host.Security;

/// <summary>
/// Issues the dashboard's session cookie for a person and a role. This is the seam for an organisation's single
/// sign-on: an OpenID Connect or SAML handler maps the identity provider's group claim to a role and calls
/// <see cref="SignInAsync"/> with its own method name; everything after (cookie, roles, policies, hub) is shared.
/// </summary>
public sealed class SessionSignIn
{
    public const string StampClaim = "hotspots:stamp";

    public async Task<ClaimsPrincipal> SignInAsync(HttpContext context, string name, string role, string method, string? stamp = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.AuthenticationMethod, method) };
        claims.AddRange(Roles.Implied(role).Select(r => new Claim(ClaimTypes.Role, r)));
        if (stamp is not null) claims.Add(new Claim(StampClaim, stamp));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        return principal;
    }

    /// <summary>
    /// Keeps a password session only while its user still exists with the same password and role, so removing a user
    /// or changing a password ends their sessions at their next request.
    /// </summary>
    public static Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.FindFirstValue(ClaimTypes.AuthenticationMethod) != "password") return Task.CompletedTask;
        var user = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>().Find(principal.Identity?.Name ?? "");
        if (user is null || user.MustChangePassword || user.Stamp != principal.FindFirstValue(StampClaim)) context.RejectPrincipal();
        return Task.CompletedTask;
    }
}
