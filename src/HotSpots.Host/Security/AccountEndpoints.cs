using System.Security.Claims;
using HotSpots.Application.Accounts;
using HotSpots.Host.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotSpots.Host.Security;

/// <summary>A sign-in: a first admin signing in with the one-time password also gives <paramref name="NewPassword"/>.</summary>
public sealed record SignInRequest(string? Name, string? Password, string? NewPassword);

/// <summary>How many sessions an administrator's revocation ended.</summary>
public sealed record SessionsEnded(int Ended);

/// <summary>Who is signed in, and how: <paramref name="Method"/> is <c>password</c>, <c>key</c> or an SSO scheme's name.</summary>
public sealed record AccountView(string Name, string Role, IReadOnlyList<string> Roles, string Method);

public static class AccountEndpoints
{
    /// <summary>Longest password hashed: far beyond any passphrase, and it keeps a caller from having megabytes hashed.</summary>
    public const int MaxPasswordLength = 1024;

    // Verifying against this for an unknown name makes a wrong name cost the same time as a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() => PasswordHash.Create(Guid.NewGuid().ToString()));

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/account").WithTags(ApiDocumentation.Account);
        account.MapPost("/sign-in", SignInAsync).AllowAnonymous().AddEndpointFilter(SignInRateLimit.FilterAsync)
            .WithSummary("Sign in to the dashboard with a name and password; sets the session cookie");
        account.MapPost("/sign-out", async (HttpContext context, SessionSignIn session) =>
            {
                await session.SignOutAsync(context);
                return TypedResults.NoContent();
            })
            .AllowAnonymous().WithSummary("End the dashboard session (every copy of its cookie)");
        account.MapDelete("/sessions/{name}", async (string name, SessionRegistry sessions) => TypedResults.Ok(new SessionsEnded(await sessions.EndAllAsync(name))))
            .RequireAuthorization(SecurityExtensions.AdminPolicy).WithSummary("End every session of a person (an administrator's revocation)");
        account.MapGet("/", (ClaimsPrincipal user) => TypedResults.Ok(Describe(user)))
            .RequireAuthorization(SecurityExtensions.ViewerPolicy).WithSummary("Who is signed in, with which roles");
        return app;
    }

    public static AccountView Describe(ClaimsPrincipal user)
    {
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var role = new[] { Roles.Admin, Roles.Analyst, Roles.Viewer, Roles.Ingest }.FirstOrDefault(roles.Contains) ?? "";
        return new AccountView(user.Identity?.Name ?? "", role, roles, user.FindFirstValue(ClaimTypes.AuthenticationMethod) ?? "key");
    }

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> SignInAsync(
        SignInRequest request, UserDirectory users, SignInThrottle throttle, PasswordVerifier verifier, SessionSignIn session, SessionRegistry sessions,
        TimeProvider time, HttpContext context)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0 || string.IsNullOrEmpty(request.Password))
            return TypedResults.Problem(statusCode: 400, title: "Name and password needed", detail: "enter your user name and password");
        if (name.Length > SignInThrottle.MaxNameLength)
            return TypedResults.Problem(statusCode: 400, title: "Name too long", detail: $"name is longer than {SignInThrottle.MaxNameLength} characters; no user's is");
        if (request.Password.Length > MaxPasswordLength || request.NewPassword?.Length > MaxPasswordLength)
            return TypedResults.Problem(statusCode: 400, title: "Password too long",
                detail: $"{(request.Password.Length > MaxPasswordLength ? "password" : "newPassword")} is longer than {MaxPasswordLength} characters");
        var client = SignInRateLimit.ClientKey(context.Connection.RemoteIpAddress);
        if (throttle.LockedUntil(name, client) is { } until) return Locked(until, time);

        var user = users.Find(name);
        var check = await verifier.VerifyAsync(request.Password, user?.PasswordHash ?? DecoyHash.Value);
        if (check == PasswordCheck.Busy)
        {
            context.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(statusCode: 503, title: "Sign-in busy", detail: "too many sign-ins are being checked; try again in a moment");
        }
        if (user is null || check != PasswordCheck.Matches)
        {
            return throttle.Failed(name, client) is { } lockedNow
                ? Locked(lockedNow, time)
                : TypedResults.Problem(statusCode: 401, title: "Not signed in", detail: "that name and password were not recognised");
        }

        if (user.MustChangePassword)
        {
            if (string.IsNullOrEmpty(request.NewPassword))
            {
                return TypedResults.Problem(statusCode: 403, title: "Password change required",
                    detail: "this is a one-time password: choose a new password to finish signing in",
                    extensions: new Dictionary<string, object?> { ["passwordChangeRequired"] = true });
            }
            var weakness = PasswordHash.Weakness(request.NewPassword)
                ?? (request.NewPassword == request.Password ? "the new password must differ from the one-time password" : null);
            if (weakness is not null) return TypedResults.Problem(statusCode: 422, title: "New password not accepted", detail: weakness);
            user = users.ChangePassword(user, request.NewPassword);
            await sessions.EndAllAsync(user.Name);
        }

        throttle.Succeeded(name, client);
        var principal = await session.SignInAsync(context, user.Name, user.Role, "password", user.Stamp);
        return TypedResults.Ok(Describe(principal));
    }

    private static ProblemHttpResult Locked(DateTimeOffset until, TimeProvider time)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalMinutes));
        return TypedResults.Problem(statusCode: 429, title: "Locked out",
            detail: $"too many failed sign-ins for this name from this address; try again in {minutes} minute{(minutes == 1 ? "" : "s")}",
            extensions: new Dictionary<string, object?> { ["lockedUntil"] = until });
    }
}
