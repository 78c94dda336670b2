using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using HotSpots.Application.Alerts;
using HotSpots.Application.Telemetry;
using HotSpots.Domain.Alerts;
using HotSpots.Store;
using Microsoft.Extensions.Options;
using Polly;

namespace HotSpots.Host.Alerts;

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
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly HotSpotsMetrics _metrics;

    public WebhookDispatcher(IOptions<WebhookOptions> options, IAlertStore store, IHttpClientFactory http, TimeProvider time, ILogger<WebhookDispatcher> logger, HotSpotsMetrics metrics)
    {
        _metrics = metrics;
        _options = options.Value;
        _options.Urls.RemoveAll(string.IsNullOrWhiteSpace);
        if (_options.Urls.Count > 0 && string.IsNullOrEmpty(_options.Secret))
            throw new InvalidOperationException("HotSpots:Alerts:Webhooks:Secret is required when webhook URLs are configured");
        (_store, _http, _time, _logger) = (store, http, time, logger);
    }

    public async Task AlertChangedAsync(AlertChange change, CancellationToken cancellationToken)
    {
        if (_options.Urls.Count == 0) return;
        var item = (EventName(change.Kind), AlertView.Of(change.Alert));
        if (_queue.Writer.TryWrite(item)) return;
        foreach (var url in _options.Urls)
        {
            await _store.AddDeadLetterAsync(new DeadLetter(url, item.Item1, change.Alert.Id, Payload(item), "the webhook queue was full", 0, _time.GetUtcNow()), cancellationToken);
            _metrics.WebhookDeadLettered(item.Item1, "queue-full");
        }
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
            if (await SendAsync(url, name, alert, body, context, cancellationToken) is not { } error)
            {
                _metrics.WebhookDelivered(name);
                return;
            }
            var attempts = context.Properties.GetValue(AttemptsMade, 1);
            // A webhook URL often carries the receiver's secret in its path or query, so the log names its host only.
            var host = new Uri(url).Authority;
            _logger.LogWarning("Webhook {Event} for alert {Alert} to {Host} failed {Attempts} times and is dead-lettered: {Error}",
                name, alert.Id, host, attempts, error.Replace(url, host, StringComparison.Ordinal));
            await _store.AddDeadLetterAsync(new DeadLetter(url, name, alert.Id, Encoding.UTF8.GetString(body), error, attempts, _time.GetUtcNow()), cancellationToken);
            _metrics.WebhookDeadLettered(name, "failed");
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
            // A client per delivery, as the factory intends: a handler exists only once a hook is called, so a node
            // without hooks keeps no handler timer (which would hold its services for minutes after it stops).
            using var response = await _http.CreateClient(nameof(WebhookDispatcher)).SendAsync(request, cancellationToken);
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
