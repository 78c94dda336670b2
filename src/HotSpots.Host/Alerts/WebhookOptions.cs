namespace HotSpots.Host.Alerts;

/// <summary>Bound from <c>HotSpots:Alerts:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public List<string> Urls { get; set; } = [];

    /// <summary>The shared secret for the HMAC-SHA256 signature; required when any URL is configured.</summary>
    public string? Secret { get; set; }

    /// <summary>Tries per delivery before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first retry's delay; each later one doubles it (with jitter).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
