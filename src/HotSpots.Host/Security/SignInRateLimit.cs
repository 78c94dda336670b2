using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Security;

/// <summary>
/// Limits sign-in attempts per client address. The lock-out is per name, so a guesser trying many names was never
/// slowed, and every attempt costs a PBKDF2 check; this bounds what one address can make the server hash.
/// <para>
/// A singleton of the container, applied as the sign-in endpoint's filter, rather than ASP.NET's rate-limiting
/// middleware: the middleware never disposes the partitioned limiter it builds (dotnet/aspnetcore#69061), whose
/// heartbeat timer then keeps a stopped application and all its services reachable. A process that starts many hosts
/// (the test suite starts hundreds) ran out of memory on it. This limiter stops with the container.
/// </para>
/// </summary>
public sealed class SignInRateLimit : IDisposable, IAsyncDisposable
{
    private readonly SignInRateLimitOptions _limit;
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInRateLimit(IOptions<SecurityOptions> security)
    {
        _limit = security.Value.SignInRateLimit;
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = _limit.PermitLimit, Window = _limit.Window, QueueLimit = 0 }));
    }

    /// <summary>The endpoint filter: a 429 problem with Retry-After once the caller's address has used its attempts.</summary>
    public static ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<SignInRateLimit>().InvokeAsync(context, next);

    /// <summary>An IPv6 host is given a whole /64, so its addresses count as one; IPv4 addresses (and mapped ones) count alone.</summary>
    internal static string ClientKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose() => _limiter.Dispose();

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();

    private async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var lease = _limiter.AttemptAcquire(ClientKey(context.HttpContext.Connection.RemoteIpAddress));
        if (lease.IsAcquired) return await next(context);
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _limit.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: 429, title: "Too many sign-ins", detail: $"too many sign-in attempts from this address; try again in {seconds} seconds");
    }
}
