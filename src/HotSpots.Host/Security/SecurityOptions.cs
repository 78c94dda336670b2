namespace HotSpots.Host.Security;

/// <summary>Bound from <c>HotSpots:Security</c>.</summary>
public sealed class SecurityOptions
{
    /// <summary>Keys accepted in <c>X-Api-Key</c> for posting incidents.</summary>
    public List<string> IngestKeys { get; set; } = [];

    /// <summary>Keys accepted as <c>Authorization: Bearer</c> on reading endpoints and as <c>access_token</c> on the hub.</summary>
    public List<string> ViewerKeys { get; set; } = [];

    /// <summary>Bearer keys for analysts, who acknowledge and resolve alerts; an analyst can also do everything a viewer can.</summary>
    public List<string> AnalystKeys { get; set; } = [];

    /// <summary>Bearer keys for administrators (drills, alert rules); an admin can also do everything an analyst can.</summary>
    public List<string> AdminKeys { get; set; } = [];

    /// <summary>Where keys generated for an unconfigured role are kept (default: beside the SQLite file).</summary>
    public string? GeneratedKeysPath { get; set; }
}

public static class Roles
{
    public const string Ingest = "ingest";
    public const string Viewer = "viewer";
    public const string Analyst = "analyst";
    public const string Admin = "admin";
}
