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
using Polly.Retry;

namespace HotSpots.Host.Alerts;

/// <summary>
/// Posts each alert change to the configured URLs as JSON, signed with <c>X-HotSpots-Signature: sha256=HEX</c> (HMAC
/// of the exact body under the shared secret). Changes go on a bounded queue and are delivered by this service's own
/// loop, so a slow or failing receiver never holds up evaluation, let alone ingest. A delivery is retried with
/// exponential backoff; one that still fails is kept as a dead letter in the store, as is a change that finds the
/// queue full.
/// </summary>
public sealed class WebhookDispatcher : BackgroundService, IAlertObserver
{
    public const string SignatureHeader = "X-HotSpots-Signature";
    public const string EventHeader = "X-HotSpots-Event";

    /// <summary><c>drill</c> or <c>recorded</c>, so a receiver can route a training alert without reading the body.</summary>
    public const string OriginHeader = "X-HotSpots-Origin";

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
    private readonly HotSpotsMetrics _metrics;

    public WebhookDispatcher(IOptions<WebhookOptions> options, IAlertStore store, IHttpClientFactory http, TimeProvider time, ILogger<WebhookDispatcher> logger, HotSpotsMetrics metrics)
    {
        _metrics = metrics;
        _options = options.Value;
        _options.Urls.RemoveAll(string.IsNullOrWhiteSpace);
        if (_options.Urls.Count > 0 && string.IsNullOrEmpty(_options.Secret))
            throw new InvalidOperationException("HotSpots:Alerts:Webhooks:Secret is required when webhook URLs are configured");
        (_store, _http, _time, _logger) = (store, http.CreateClient(nameof(WebhookDispatcher)), time, logger);
        _http.Timeout = _options.Timeout;
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
        var retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, _options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.FirstRetryDelay,
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TaskCanceledException>(e => !stoppingToken.IsCancellationRequested),
            })
            .Build();
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                var body = Encoding.UTF8.GetBytes(Payload(item));
                foreach (var url in _options.Urls) await DeliverAsync(retry, url, item.Event, item.Alert, body, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(ResiliencePipeline retry, string url, string name, AlertView alert, byte[] body, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            await retry.ExecuteAsync(async token =>
            {
                attempts++;
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add(EventHeader, name);
                request.Headers.Add(OriginHeader, alert.Origin);
                request.Headers.Add(SignatureHeader, Sign(_options.Secret!, body));
                using var response = await _http.SendAsync(request, token);
                if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }, cancellationToken);
            _metrics.WebhookDelivered(name);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A webhook URL often carries the receiver's secret in its path or query, so the log names its host only.
            _logger.LogWarning("Webhook {Event} for alert {Alert} to {Host} failed {Attempts} times and is dead-lettered: {Error}",
                name, alert.Id, new Uri(url).Authority, attempts, ex.Message.Replace(url, new Uri(url).Authority, StringComparison.Ordinal));
            await _store.AddDeadLetterAsync(new DeadLetter(url, name, alert.Id, Encoding.UTF8.GetString(body), ex.Message, attempts, _time.GetUtcNow()), cancellationToken);
            _metrics.WebhookDeadLettered(name, "failed");
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
