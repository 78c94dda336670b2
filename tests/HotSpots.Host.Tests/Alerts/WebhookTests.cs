using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HotSpots.Host.Alerts;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HotSpots.Host.Tests.Alerts;

public sealed class WebhookTests
{
    private const string Secret = "shared-webhook-secret";

    [Fact]
    public async Task An_alert_is_posted_signed_after_failures_are_retried_and_an_endpoint_that_keeps_failing_is_dead_lettered()
    {
        await using var receiver = await Receiver.StartAsync(failFirst: 2);
        await using var server = new HotSpotsServer(new Dictionary<string, string?>
        {
            ["HotSpots:Alerts:Webhooks:Urls:0"] = receiver.Url("broken"),
            ["HotSpots:Alerts:Webhooks:Urls:1"] = receiver.Url("hook"),
            ["HotSpots:Alerts:Webhooks:Secret"] = Secret,
            ["HotSpots:Alerts:Webhooks:MaxAttempts"] = "4",
            ["HotSpots:Alerts:Webhooks:FirstRetryDelay"] = "00:00:00.020",
        });

        await server.Admin().PostAsJsonAsync("/api/drills", new { scenario = "tilbury-fires" });
        var delivered = await receiver.Delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Two failures, then the delivery that succeeded: the same body and signature each time.
        Assert.Equal(3, receiver.Attempts("hook"));
        Assert.Equal("alertRaised", delivered.Event);
        Assert.Equal(WebhookDispatcher.Sign(Secret, delivered.Body), delivered.Signature);
        // A receiver checking with another secret, or a body changed in transit, does not match.
        Assert.NotEqual(WebhookDispatcher.Sign("another-secret", delivered.Body), delivered.Signature);
        Assert.NotEqual(WebhookDispatcher.Sign(Secret, [.. delivered.Body, (byte)' ']), delivered.Signature);
        var payload = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal("alertRaised", payload.GetProperty("event").GetString());
        Assert.Equal("Tilbury St Chads", payload.GetProperty("alert").GetProperty("areaName").GetString());
        // A drill's alert says so to whatever the webhook pages: in a header, in the body and in its sentence.
        Assert.Equal("drill", delivered.Origin);
        Assert.Equal("drill", payload.GetProperty("alert").GetProperty("origin").GetString());
        Assert.StartsWith("DRILL (training, not real incidents): 6 deliberate fires", payload.GetProperty("alert").GetProperty("explanation").GetString());

        // The broken endpoint was tried four times before the working one, and its delivery kept as a dead letter.
        Assert.Equal(4, receiver.Attempts("broken"));
        var letter = Assert.Single(await server.Services.GetRequiredService<IAlertStore>().DeadLettersAsync());
        var listed = await server.Admin().GetFromJsonAsync<List<JsonElement>>("/api/webhooks/dead-letters");
        Assert.Equal(receiver.Url("broken"), Assert.Single(listed!).GetProperty("url").GetString());
        Assert.Equal((receiver.Url("broken"), "alertRaised", 4), (letter.Url, letter.Event, letter.Attempts));
        Assert.Contains("404", letter.LastError);
        Assert.Equal(Encoding.UTF8.GetString(delivered.Body), letter.Payload);
    }

    private sealed record Delivery(string Event, string Signature, string Origin, byte[] Body);

    /// <summary>A real HTTP listener on loopback: /hook fails its first requests with 500, /broken always answers 404.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, int> _attempts = new();

        private Receiver(WebApplication app) => _app = app;

        public TaskCompletionSource<Delivery> Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Attempts(string path) => _attempts.GetValueOrDefault(path);

        public string Url(string path) => $"{_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()}/{path}";

        public static async Task<Receiver> StartAsync(int failFirst)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/broken", () =>
            {
                receiver._attempts.AddOrUpdate("broken", 1, (_, n) => n + 1);
                return Results.NotFound();
            });
            app.MapPost("/hook", async (HttpRequest request) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer);
                var attempt = receiver._attempts.AddOrUpdate("hook", 1, (_, n) => n + 1);
                if (attempt <= failFirst) return Results.StatusCode(500);
                receiver.Delivered.TrySetResult(new Delivery(request.Headers[WebhookDispatcher.EventHeader].ToString(),
                    request.Headers[WebhookDispatcher.SignatureHeader].ToString(), request.Headers[WebhookDispatcher.OriginHeader].ToString(), buffer.ToArray()));
                return Results.Ok();
            });
            await app.StartAsync();
            return receiver;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
