using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Security;

/// <summary>
/// Limits sign-in attempts per client address. The lock-out is per name, so a guesser trying many names was never
/// slowed, and every attempt costs a PBKDF2 check; this bounds what one address can make the server hash.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            var limit = security.Value.SignInRateLimit;
            o.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(ClientKey(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limit.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "Too many sign-ins",
                    detail: $"too many sign-in attempts from this address; try again in {seconds} seconds").ExecuteAsync(context.HttpContext);
            };
        });
        services.AddRateLimiter(_ => { });
        return services;
    }

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
}
