using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HotSpots.Host.Tests.Infrastructure;

namespace HotSpots.Host.Tests.Hosting;

public sealed class TracingTests : ServerTests
{
    [Fact]
    public async Task A_posted_incidents_trace_goes_through_the_store_append_the_log_reader_and_the_grains_to_the_push()
    {
        // The post carries its own trace id, so spans of other tests' servers in this process are told apart.
        var trace = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        string[] expected = ["hotspots.ingest", "hotspots.store.append", "hotspots.log.apply", "hotspots.live.notify", "hotspots.heat.push"];
        // The reader's span ends only when the cell tiles have their batch too, which may be after the push, so the
        // test waits for every expected span to end rather than for the push alone.
        var allEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "HotSpots" or "Microsoft.AspNetCore" || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (span.TraceId != trace) return;
                spans.Enqueue(span);
                if (expected.All(name => spans.Any(s => s.OperationName == name))) allEnded.TrySetResult();
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var dashboard = await HeatClient.ConnectAsync(Server.BaseAddress, HotSpotsServer.ViewerKey);
        await dashboard.SubscribeAsync("wards", "all", "24h");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = JsonContent.Create(HotSpotsServer.Incident("traced")) };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        var response = await Server.Ingest().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        try
        {
            await allEnded.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"spans ended: {string.Join(", ", spans.Select(s => s.OperationName).Distinct())}");
        }

        Assert.Contains(spans, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        Assert.All(spans.SelectMany(s => s.TagObjects), tag => Assert.DoesNotContain("51.47", tag.Value?.ToString() ?? "", StringComparison.Ordinal));
    }
}
