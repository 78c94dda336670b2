namespace HotSpots.Host.Security;

/// <summary>One dashboard user: <c>HotSpots__Security__Users__0__Name</c>, <c>__PasswordHash</c> (from <c>hotspots hash-password</c>), <c>__Role</c>.</summary>
public sealed class UserOptions
{
    public string Name { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    /// <summary>viewer, analyst or admin.</summary>
    public string Role { get; set; } = Roles.Viewer;
}
