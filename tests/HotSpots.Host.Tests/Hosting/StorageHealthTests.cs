using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Host.Tests.Infrastructure;

namespace HotSpots.Host.Tests.Hosting;

public sealed class StorageHealthTests
{
    [Fact]
    public async Task A_full_disk_answers_503_storage_full_and_not_ready_until_space_returns_then_recovers_by_itself()
    {
        using var disk = SmallDisk.Mount(megabytes: 24);
        await using var server = new HotSpotsServer(directory: disk.Path);
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync(Batch("before", 10))).StatusCode);
        var filler = disk.Fill();

        var refused = await server.PostAsync(Batch("while-full", 2_000));
        var refusedAgain = await server.PostAsync(Batch("while-full-again", 10));
        var admin = await server.Admin().PostAsJsonAsync("/api/drills", new { scenario = "grays-asb", count = 1 });
        var notReady = await server.Client().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Storage full", problem.GetProperty("title").GetString());
        Assert.Contains(server.StorePath, problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, admin.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("storage full", (await notReady.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        File.Delete(filler);
        var ready = await server.Client().GetAsync("/health");
        var accepted = await server.PostAsync(Batch("while-full", 2_000));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(2_000, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        Assert.Equal(2_010, (await server.Viewer().GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("incidents").GetInt64());
    }

    private static object[] Batch(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => HotSpotsServer.Incident($"{prefix}-{i}"))];
}
