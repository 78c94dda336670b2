using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using HotSpots.Application.Drills;
using HotSpots.Application.Imports;
using HotSpots.Domain.Incidents;
using HotSpots.Store;
using Polly;
using Polly.Retry;

namespace HotSpots.Cli;

/// <summary>
/// A running server's API, for <c>--server URL --api-key KEY</c>: incidents go through POST /api/incidents (at most
/// <see cref="MaxPerRequest"/> a request), drills through POST /api/drills. Requests that fail because the server
/// is restarting, busy or briefly unreachable are retried with exponential backoff; a refusal (401, 403, 400) is not.
/// </summary>
internal sealed class ServerClient : IIncidentSink, IDisposable
{
    public const int MaxPerRequest = 5000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly HttpClient _http;
    private readonly string _key;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    public ServerClient(Uri server, string key, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = server;
        _http.Timeout = TimeSpan.FromMinutes(2);
        _key = key;
        _retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 5,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(r => r.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway
                        or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout),
            })
            .Build();
    }

    public Uri Address => _http.BaseAddress!;

    public async Task<SinkResult> WriteAsync(IncidentBatch batch, CancellationToken cancellationToken)
    {
        int appended = 0, duplicates = 0;
        var refused = new List<SinkRefusal>();
        for (var start = 0; start < batch.Count; start += MaxPerRequest)
        {
            var count = Math.Min(MaxPerRequest, batch.Count - start);
            var items = new List<object>(count);
            for (var i = start; i < start + count; i++)
            {
                var incident = batch[i];
                items.Add(new
                {
                    source = incident.Source,
                    sourceId = incident.SourceId,
                    category = incident.Category.Slug(),
                    occurredAt = incident.OccurredAt.ToString(),
                    latitude = incident.Latitude,
                    longitude = incident.Longitude,
                    locationText = incident.LocationText,
                    origin = incident.Origin == IncidentOrigin.Recorded ? null : incident.Origin.Slug(),
                });
            }
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/incidents")
            {
                Headers = { { "X-Api-Key", _key } },
                Content = JsonContent.Create(items, options: Json),
            }, cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity)) throw await FailureAsync(response, cancellationToken);
            var body = await response.Content.ReadFromJsonAsync<IngestReply>(Json, cancellationToken) ?? new IngestReply([]);
            foreach (var item in body.Items ?? [])
            {
                switch (item.Status)
                {
                    case "accepted": appended++; break;
                    case "duplicate": duplicates++; break;
                    default:
                        var reason = item.Reason ?? "refused by the server";
                        refused.Add(new SinkRefusal(batch.Reference(start + item.Index), reason, reason.Contains("outside every ward", StringComparison.Ordinal)));
                        break;
                }
            }
        }
        return new SinkResult(appended, duplicates, refused);
    }

    public async Task<DrillRun> RunDrillAsync(DrillRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/drills")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", _key) },
            Content = JsonContent.Create(new
            {
                scenario = request.Scenario,
                area = request.Area,
                count = request.Count,
                withinHours = request.Within?.TotalHours,
            }, options: Json),
        }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created) throw await FailureAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<DrillRun>(Json, cancellationToken))!;
    }

    /// <summary>The performance summary as the server draws it, in <paramref name="format"/> (csv or json).</summary>
    public async Task<byte[]> GetPerformanceReportAsync(string? to, string? months, string? level, string? locality, string format, CancellationToken cancellationToken)
    {
        var query = string.Join("&", new[] { ("to", to), ("months", months), ("level", level), ("locality", locality), ("format", format) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/reports/performance?{query}")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", _key) },
        }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK) throw await FailureAsync(response, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public async Task<byte[]> GetLagPackAsync(string locality, string? from, string? to, string format, CancellationToken cancellationToken)
    {
        var query = string.Join("&", new[] { ("locality", locality), ("from", from), ("to", to), ("format", format) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/reports/lag?{query}")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", _key) },
        }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK) throw await FailureAsync(response, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async token => await _http.SendAsync(request(), token), cancellationToken);

    private static async Task<ServerException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? detail = null;
        try
        {
            using var problem = JsonDocument.Parse(text);
            detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
        }
        catch (JsonException)
        {
        }
        return new ServerException(string.Create(CultureInfo.InvariantCulture,
            $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}{(detail is null ? "" : $": {detail}")}"));
    }

    private sealed record IngestReply(List<IngestReplyItem>? Items);

    private sealed record IngestReplyItem(int Index, string Status, string? Reason);
}

internal sealed class ServerException(string message) : Exception(message);
