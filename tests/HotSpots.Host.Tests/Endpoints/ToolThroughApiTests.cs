using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Application.Monitoring;
using HotSpots.Cli;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Host.Tests.Endpoints;

/// <summary>The <c>hotspots</c> tool with <c>--server URL --api-key KEY</c> against a real server.</summary>
public sealed class ToolThroughApiTests : ServerTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<(int Code, string Out, string Error)> ToolAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_fire_import_through_the_API_reports_what_the_server_made_of_each_row_and_a_second_run_adds_nothing()
    {
        var url = Server.BaseAddress.ToString();

        var (code, output, _) = await ToolAsync("import", "fire", RepoPaths.Sample("fire-incidents.csv"), "--server", url, "--api-key", HotSpotsServer.IngestKey);
        var (_, again, _) = await ToolAsync("import", "fire", RepoPaths.Sample("fire-incidents.csv"), "--server", url, "--api-key", HotSpotsServer.IngestKey);

        Assert.Equal(0, code);
        // The server placed the rows: the one in Colchester came back as outside the area.
        Assert.Contains("imported 8, duplicates 1, unlocated 1, outside area 1, not deliberate 2, ignored 2, unmapped 2, malformed 5", output);
        Assert.Contains("imported 0, duplicates 9", again);
        var june = (await Server.Viewer().GetFromJsonAsync<HeatSnapshot>("/api/heat?group=deliberate-fires&window=month&month=2026-06", Json))!;
        Assert.Equal(7, june.Areas.Sum(a => a.Observed));
        Assert.Equal(3, june.Areas.Single(a => a.Name == "Tilbury St Chads").Observed);
    }

    [Fact]
    public async Task A_drill_through_the_API_needs_an_admin_key()
    {
        var url = Server.BaseAddress.ToString();

        var (refused, _, error) = await ToolAsync("drill", "grays-asb", "--server", url, "--api-key", HotSpotsServer.IngestKey);
        var (code, output, _) = await ToolAsync("drill", "grays-asb", "--count", "4", "--server", url, "--api-key", HotSpotsServer.AdminKey);

        Assert.Equal(1, refused);
        Assert.Contains("401", error);
        Assert.Equal(0, code);
        Assert.Contains("DRILL", output);
        Assert.Contains("4 of 4 anti-social-behaviour incidents recorded in Grays Riverside", output);
    }

    [Fact]
    public async Task A_replay_is_refused_by_a_live_server_and_taken_by_one_on_a_replay_store()
    {
        var sample = RepoPaths.Sample("council-asb-cases.csv");
        var (refused, _, error) = await ToolAsync("replay", "council", sample, "--speed", "100000000",
            "--server", Server.BaseAddress.ToString(), "--api-key", HotSpotsServer.IngestKey);
        Assert.Equal(1, refused);
        Assert.Contains("replayed incidents go to a replay store", error);

        using var dir = new TempDirectory();
        var replayStore = dir.File("replay.db");
        await (await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = replayStore, Purpose = StorePurpose.Replay }, TimeProvider.System)).DisposeAsync();
        await using var replayServer = new HotSpotsServer(new Dictionary<string, string?> { ["HotSpots:Store:Sqlite:Path"] = replayStore });

        var (code, output, _) = await ToolAsync("replay", "council", sample, "--speed", "100000000",
            "--server", replayServer.BaseAddress.ToString(), "--api-key", HotSpotsServer.IngestKey);

        Assert.Equal(0, code);
        Assert.Contains("Replayed 8: accepted 8", output);
        var status = await replayServer.Viewer().GetFromJsonAsync<JsonElement>("/api/status", Json);
        Assert.Equal("replay", status.GetProperty("store").GetString());
        Assert.Equal(8, status.GetProperty("incidents").GetInt32());
        var drill = await replayServer.Admin().PostAsJsonAsync("/api/drills", new { scenario = "tilbury-fires" });
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, drill.StatusCode);
        Assert.Contains("drills go to the live store", await drill.Content.ReadAsStringAsync());
    }
}
