using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Application.Monitoring;
using HotSpots.Domain.Incidents;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Host.Tests.Hosting;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_reports_not_ready_while_the_node_is_further_behind_the_log_than_allowed_and_ready_once_it_has_read_it()
    {
        // The poll that picks up other writers is an hour away, so what another process appends stays unread.
        await using var server = new HotSpotsServer(new Dictionary<string, string?>
        {
            ["HotSpots:Monitoring:PollInterval"] = "01:00:00",
            ["HotSpots:Telemetry:MaxLogBehind"] = "3",
        });
        await using (var store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = server.StorePath }, TimeProvider.System))
        {
            var at = OccurredAt.Exact(DateTimeOffset.UtcNow.AddHours(-1));
            await store.AppendAsync([.. Enumerable.Range(0, 5).Select(i =>
                new Incident("council-import", $"row-{i}", Category.AntiSocialBehaviour, at, 51.4757, 0.3217, null))]);
        }

        var behind = await server.Client().GetAsync("/health/ready");
        await server.Services.GetRequiredService<IncidentLogTailer>().CatchUpAsync();
        var caughtUp = await server.Client().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, behind.StatusCode);
        var log = (await behind.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("log");
        Assert.Equal("Unhealthy", log.GetProperty("status").GetString());
        Assert.Equal("5 log positions behind (at most 3)", log.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, caughtUp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client().GetAsync("/health/live")).StatusCode);
    }
}
