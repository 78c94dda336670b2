using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Host.Tests.Infrastructure;

namespace HotSpots.Host.Tests.Hosting;

public sealed class TelemetryTests : ServerTests
{
    [Fact]
    public async Task The_metrics_scrape_counts_accepted_duplicate_and_rejected_incidents_by_source_and_reason()
    {
        // A source of this test's own: every test server in the process shares the meter's name.
        var source = $"metrics-{Guid.NewGuid():N}"[..24];
        var response = await Server.PostAsync(new object[]
        {
            Incident(source, "a"), Incident(source, "b"), Incident(source, "c"), Incident(source, "a"),
            Incident(source, "far", latitude: 53.48, longitude: -2.24),
            Incident(source, "odd", category: "no-such-category"),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var scrape = await Server.Viewer().GetStringAsync("/metrics");

        Assert.Equal(3, PrometheusText.Sample(scrape, "hotspots_incidents_accepted_total", $"source=\"{source}\""));
        Assert.Equal(1, PrometheusText.Sample(scrape, "hotspots_incidents_duplicate_total", $"source=\"{source}\""));
        Assert.Equal(1, PrometheusText.Sample(scrape, "hotspots_incidents_rejected_total", "reason=\"outside-area\"", $"source=\"{source}\""));
        Assert.Equal(1, PrometheusText.Sample(scrape, "hotspots_incidents_rejected_total", "reason=\"category\"", $"source=\"{source}\""));
        Assert.DoesNotContain("53.48", scrape);
    }

    [Fact]
    public async Task The_metrics_scrape_needs_a_key_and_also_carries_orleans_and_runtime_meters()
    {
        var anonymous = await Server.Client().GetAsync("/metrics");
        var scrape = await Server.Viewer().GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("orleans_", scrape);
        Assert.Contains("dotnet_gc_", scrape);
        Assert.Contains("hotspots_log_behind", scrape);
    }

    [Fact]
    public async Task Live_and_ready_answer_anonymously_with_every_readiness_check_healthy_and_health_still_answers()
    {
        var live = await Server.Client().GetAsync("/health/live");
        var ready = await Server.Client().GetAsync("/health/ready");
        var health = await Server.Client().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var checks = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Equal(["cluster", "geography", "log", "store"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("Healthy", c.Value.GetProperty("status").GetString()));
    }

    private static object Incident(string source, string id, string category = "anti-social-behaviour", double latitude = 51.4757, double longitude = 0.3217) => new
    {
        source,
        sourceId = id,
        category,
        occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"),
        latitude,
        longitude,
    };
}
