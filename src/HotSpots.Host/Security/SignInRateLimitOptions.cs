namespace HotSpots.Host.Security;

/// <summary>Bound from <c>HotSpots:Security:SignInRateLimit</c>.</summary>
public sealed class SignInRateLimitOptions
{
    /// <summary>Sign-in attempts one client address may make per <see cref="Window"/>; an office behind one NAT address shares it.</summary>
    public int PermitLimit { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
