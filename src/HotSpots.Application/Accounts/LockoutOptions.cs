namespace HotSpots.Application.Accounts;

/// <summary>Bound from <c>HotSpots:Security:Lockout</c>.</summary>
public sealed class LockoutOptions
{
    /// <summary>Failed sign-ins for one name, within <see cref="Window"/>, that lock it.</summary>
    public int MaxFailures { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked name stays locked, even with the right password.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Most names remembered at once. Anyone can make the throttle remember a name, so this is what bounds its memory
    /// (with <see cref="SignInThrottle.MaxNameLength"/>): 10,000 names of at most 128 characters is a few megabytes.
    /// </summary>
    public int MaxRecords { get; set; } = 10_000;
}
