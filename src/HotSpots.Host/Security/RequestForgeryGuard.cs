using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Security;

/// <summary>
/// Refuses requests another page could make with a signed-in person's session cookie. SameSite=Strict does not
/// separate ports of one host (they are the same site), so a page on another port could post to the API as the analyst.
/// A request that carries the session cookie rather than a key must therefore
/// <list type="bullet">
/// <item>come from this origin, when the browser says where it comes from (<c>Origin</c>, else <c>Sec-Fetch-Site</c>);
/// this also covers the hub's WebSocket, which a browser opens from any page without asking;</item>
/// <item>carry <see cref="Header"/> when it changes something: no page of another origin can add a header to a request
/// without the server agreeing first in a CORS preflight, which this server never does.</item>
/// </list>
/// Keys (<c>X-Api-Key</c>, <c>Authorization</c>, a hub <c>access_token</c>) are never sent by a browser on its own, so
/// requests with them are left alone.
/// </summary>
public sealed class RequestForgeryGuard(RequestDelegate next)
{
    public const string Header = "X-HotSpots-Request";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var hub = request.Path.StartsWithSegments("/hubs");
        var changes = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        var cookie = UsesSessionCookie(context);
        // Signing in makes a session, so its origin is checked too: no other page may sign a browser in to an account it chose.
        if ((hub || changes) && (cookie || request.Path.StartsWithSegments("/api/account/sign-in")))
        {
            if (!FromThisOrigin(request))
            {
                await Refuse(context, "Cross-origin request refused", "this request came from another page's origin; the session cookie only works from the dashboard itself");
                return;
            }
            if (cookie && changes && !hub && !request.Headers.ContainsKey(Header))
            {
                await Refuse(context, "Request header missing", $"a change made with the session cookie needs the {Header} header (the dashboard sends it)");
                return;
            }
        }
        await next(context);
    }

    private static bool UsesSessionCookie(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.ContainsKey("X-Api-Key") || request.Headers.Authorization.Count > 0) return false;
        if (request.Path.StartsWithSegments("/hubs") && request.Query.ContainsKey("access_token")) return false;
        var cookieName = context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie.Name!;
        return request.Cookies.ContainsKey(cookieName);
    }

    private static bool FromThisOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0) return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length == 0 || site is "same-origin" or "none";
    }

    private static Task Refuse(HttpContext context, string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: title, detail: detail).ExecuteAsync(context);
}
