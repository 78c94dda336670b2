namespace HotSpots.Host.Security;

/// <summary>A partner system's ingest key and the incident sources it may write.</summary>
public sealed class PartnerOptions
{
    public string Key { get; set; } = "";

    public List<string> Sources { get; set; } = [];
}
