using Microsoft.Extensions.Http.Resilience;
using Polly;

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

    /// <summary>
    /// Sets the webhook client's standard resilience pipeline from these options. Every answer but a success is
    /// retried (the standard pipeline retries only 408, 429 and 5xx): a receiver being redeployed may answer 404 for a
    /// while, and what still fails is kept as a dead letter. The standard pipeline also bounds a delivery as a whole;
    /// that bound is what every try and every wait can add up to, each wait capped at the last one's nominal delay, so
    /// it never cuts the configured retries short.
    /// </summary>
    internal void ApplyTo(HttpStandardResilienceOptions resilience)
    {
        var retries = Math.Max(0, MaxAttempts - 1);
        var longestWait = FirstRetryDelay * Math.Pow(2, Math.Max(0, retries - 1));
        resilience.Retry.MaxRetryAttempts = retries;
        resilience.Retry.Delay = FirstRetryDelay;
        resilience.Retry.MaxDelay = longestWait;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome) || args.Outcome.Result is { IsSuccessStatusCode: false });
        resilience.Retry.OnRetry = args =>
        {
            args.Context.Properties.Set(WebhookDispatcher.AttemptsMade, args.AttemptNumber + 2);
            return ValueTask.CompletedTask;
        };
        resilience.AttemptTimeout.Timeout = Timeout;
        resilience.TotalRequestTimeout.Timeout = Timeout * Math.Max(1, MaxAttempts) + longestWait * retries;
        // The standard pipeline refuses a breaker whose sampling window is shorter than two tries' timeouts.
        if (resilience.CircuitBreaker.SamplingDuration < Timeout * 2) resilience.CircuitBreaker.SamplingDuration = Timeout * 2;
    }
}
