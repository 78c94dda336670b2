namespace HotSpots.Application.Accounts;

/// <summary>Bound from <c>HotSpots:Security:PasswordHashing</c>.</summary>
public sealed class PasswordHashingOptions
{
    /// <summary>Threads that hash passwords; each keeps at most one core busy, whatever the number of sign-ins.</summary>
    public int Workers { get; set; } = 1;

    /// <summary>Sign-ins that may wait for a worker; beyond this a sign-in is answered "busy" at once.</summary>
    public int QueueLimit { get; set; } = 32;
}
