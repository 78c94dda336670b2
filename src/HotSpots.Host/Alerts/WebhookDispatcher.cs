using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using HotSpots.Application.Alerts;
using HotSpots.Domain.Alerts;
using HotSpots.Store;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
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

/// <summary>
/// Posts each alert change to the configured URLs as JSON, signed with <c>X-HotSpots-Signature: sha256=HEX</c> (HMAC
/// of the exact body under the shared secret). Changes go on a bounded queue and are delivered by this service's own
/// loop, so a slow or failing receiver never holds up evaluation, let alone ingest. Its HTTP client carries the
/// standard resilience pipeline (<see cref="WebhookOptions.ApplyTo"/>): tries with a timeout each, retried with
/// exponential backoff, and a circuit breaker per receiver. A delivery that still fails is kept as a dead letter in the
/// store, as is a change that finds the queue full.
/// </summary>
public sealed class WebhookDispatcher : BackgroundService, IAlertObserver
{
    public const string SignatureHeader = "X-HotSpots-Signature";
    public const string EventHeader = "X-HotSpots-Event";

    /// <summary><c>drill</c> or <c>recorded</c>, so a receiver can route a training alert without reading the body.</summary>
    public const string OriginHeader = "X-HotSpots-Origin";

    /// <summary>How many tries a delivery took, recorded by the retry strategy in the delivery's resilience context.</summary>
    internal static readonly ResiliencePropertyKey<int> AttemptsMade = new("hotspots.webhook.attempts");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly Channel<(string Event, AlertView Alert)> _queue =
        Channel.CreateBounded<(string, AlertView)>(new BoundedChannelOptions(10_000) { SingleReader = true });

    private readonly WebhookOptions _options;
    private readonly IAlertStore _store;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;

    public WebhookDispatcher(IOptions<WebhookOptions> options, IAlertStore store, IHttpClientFactory http, TimeProvider time, ILogger<WebhookDispatcher> logger)
    {
        _options = options.Value;
        _options.Urls.RemoveAll(string.IsNullOrWhiteSpace);
        if (_options.Urls.Count > 0 && string.IsNullOrEmpty(_options.Secret))
            throw new InvalidOperationException("HotSpots:Alerts:Webhooks:Secret is required when webhook URLs are configured");
        (_store, _http, _time, _logger) = (store, http.CreateClient(nameof(WebhookDispatcher)), time, logger);
    }

    public async Task AlertChangedAsync(AlertChange change, CancellationToken cancellationToken)
    {
        if (_options.Urls.Count == 0) return;
        var item = (EventName(change.Kind), AlertView.Of(change.Alert));
        if (_queue.Writer.TryWrite(item)) return;
        foreach (var url in _options.Urls)
            await _store.AddDeadLetterAsync(new DeadLetter(url, item.Item1, change.Alert.Id, Payload(item), "the webhook queue was full", 0, _time.GetUtcNow()), cancellationToken);
    }

    /// <summary>The signature a receiver should find for a body: "sha256=" and the lower-case hex HMAC-SHA256.</summary>
    public static string Sign(string secret, byte[] body) => $"sha256={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body))}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                var body = Encoding.UTF8.GetBytes(Payload(item));
                foreach (var url in _options.Urls) await DeliverAsync(url, item.Event, item.Alert, body, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(string url, string name, AlertView alert, byte[] body, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            if (await SendAsync(url, name, alert, body, context, cancellationToken) is not { } error) return;
            var attempts = context.Properties.GetValue(AttemptsMade, 1);
            _logger.LogWarning("Webhook {Event} for alert {Alert} to {Url} failed {Attempts} times and is dead-lettered: {Error}", name, alert.Id, url, attempts, error);
            await _store.AddDeadLetterAsync(new DeadLetter(url, name, alert.Id, Encoding.UTF8.GetString(body), error, attempts, _time.GetUtcNow()), cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Sends one delivery through the client's pipeline; null when it succeeded, else why it failed.</summary>
    private async Task<string?> SendAsync(string url, string name, AlertView alert, byte[] body, ResilienceContext context, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(EventHeader, name);
        request.Headers.Add(OriginHeader, alert.Origin);
        request.Headers.Add(SignatureHeader, Sign(_options.Secret!, body));
        request.SetResilienceContext(context);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        // Unreachable, or given up on by the pipeline: a try or the whole delivery timed out, or the receiver's circuit is open.
        catch (Exception ex) when (ex is HttpRequestException or ExecutionRejectedException && !cancellationToken.IsCancellationRequested)
        {
            return ex.Message;
        }
    }

    private static string Payload((string Event, AlertView Alert) item) => JsonSerializer.Serialize(new { @event = item.Event, alert = item.Alert }, Json);

    private static string EventName(AlertChangeKind kind) => kind switch
    {
        AlertChangeKind.Raised => "alertRaised",
        AlertChangeKind.Updated => "alertUpdated",
        _ => "alertResolved",
    };
}
