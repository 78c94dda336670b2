namespace HotSpots.Host.Security;

/// <summary>Bound from <c>HotSpots:Security</c>.</summary>
public sealed class SecurityOptions
{
    /// <summary>Keys accepted in <c>X-Api-Key</c> for posting incidents.</summary>
    public List<string> IngestKeys { get; set; } = [];

    /// <summary>
    /// Partner systems by name, each with its own ingest key and the sources it may write
    /// (<c>HotSpots:Security:Partners:ecfrs:Key</c>, <c>:Sources:0</c>); a key in <see cref="IngestKeys"/> may write any source.
    /// </summary>
    public Dictionary<string, PartnerOptions> Partners { get; set; } = [];

    /// <summary>Keys accepted as <c>Authorization: Bearer</c> on reading endpoints and as <c>access_token</c> on the hub.</summary>
    public List<string> ViewerKeys { get; set; } = [];

    /// <summary>Bearer keys for analysts, who acknowledge and resolve alerts; an analyst can also do everything a viewer can.</summary>
    public List<string> AnalystKeys { get; set; } = [];

    /// <summary>Bearer keys for administrators (drills, alert rules); an admin can also do everything an analyst can.</summary>
    public List<string> AdminKeys { get; set; } = [];

    /// <summary>Where keys generated for an unconfigured role are kept (default: beside the SQLite file).</summary>
    public string? GeneratedKeysPath { get; set; }

    /// <summary>People who sign in to the dashboard. With none configured, a first admin is created (see <see cref="FirstAdminPath"/>).</summary>
    public List<UserOptions> Users { get; set; } = [];

    /// <summary>Where the first admin of an install without configured users is kept (default: beside the SQLite file).</summary>
    public string? FirstAdminPath { get; set; }

    public SignInRateLimitOptions SignInRateLimit { get; set; } = new();

    /// <summary>A session ends after this long without a request (sliding); sign in again after.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A session ends this long after sign-in however active it is (a working day and a bit).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
}

public static class Roles
{
    public const string Ingest = "ingest";
    public const string Viewer = "viewer";
    public const string Analyst = "analyst";
    public const string Admin = "admin";

    /// <summary>The roles a person's role carries: an admin is also an analyst, and an analyst also a viewer.</summary>
    public static string[] Implied(string role) => role switch
    {
        Admin => [Admin, Analyst, Viewer],
        Analyst => [Analyst, Viewer],
        Viewer => [Viewer],
        _ => [],
    };
}
