using HotSpots.Application.Accounts;
using HotSpots.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Security;

public static class SecurityExtensions
{
    public const string IngestPolicy = "ingest";
    public const string ViewerPolicy = "viewer";
    public const string AnalystPolicy = "analyst";
    public const string AdminPolicy = "admin";

    /// <summary>Picks keys for requests that carry one and the session cookie for the rest.</summary>
    private const string EitherScheme = "HotSpots";

    /// <summary>
    /// Two ways in: keys for systems (partner feeds post with <c>X-Api-Key</c>, scripts read with a bearer key) and
    /// a signed-in session for people at the dashboard. Both end in the same roles and policies.
    /// </summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecurityOptions>(configuration.GetSection("HotSpots:Security"));
        services.AddSingleton<GeneratedKeys>();
        services.AddSingleton<IPostConfigureOptions<SecurityOptions>>(sp => sp.GetRequiredService<GeneratedKeys>());
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<SessionSignIn>();
        services.Configure<LockoutOptions>(configuration.GetSection("HotSpots:Security:Lockout"));
        services.Configure<PasswordHashingOptions>(configuration.GetSection("HotSpots:Security:PasswordHashing"));
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<PasswordVerifier>();
        services.AddSingleton<SignInRateLimit>();

        var security = configuration.GetSection("HotSpots:Security").Get<SecurityOptions>() ?? new();
        // One application name on every node, so they all derive the same purposes from the shared keys.
        services.AddDataProtection().SetApplicationName("HotSpots");
        services.AddOptions<KeyManagementOptions>().Configure<ISessionStore>((o, store) => o.XmlRepository = new SessionKeyRepository(store));
        services.AddSingleton<LegacySessionFiles>();

        services.AddAuthentication(EitherScheme)
            .AddPolicyScheme(EitherScheme, "Key or session", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey("X-Api-Key") || context.Request.Headers.Authorization.Count > 0
                || (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query.ContainsKey("access_token"))
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = "HotSpots.Session";
                o.Cookie.HttpOnly = true;
                // Strict: the cookie never rides on a request started by another site. Another port of this host is
                // the same site, though; RequestForgeryGuard refuses what a page there could send.
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request came over HTTPS (always, behind TLS); plain HTTP on loopback still works.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = security.SessionIdleTimeout;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = SessionSignIn.ValidateAsync;
                // An API answers 401/403 as problem details; the page shows its own sign-in form.
                o.Events.OnRedirectToLogin = context =>
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    return Problem(context.HttpContext, 401, "Unauthorized", ApiKeyAuthenticationHandler.ChallengeDetail);
                };
                o.Events.OnRedirectToAccessDenied = context => Problem(context.HttpContext, 403, "Forbidden", "your role does not allow this");
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(IngestPolicy, p => p.RequireRole(Roles.Ingest))
            .AddPolicy(ViewerPolicy, p => p.RequireRole(Roles.Viewer))
            .AddPolicy(AnalystPolicy, p => p.RequireRole(Roles.Analyst))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));
        return services;
    }

    private static Task Problem(HttpContext context, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
}
