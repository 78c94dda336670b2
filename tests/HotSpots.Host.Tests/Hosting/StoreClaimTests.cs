using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Domain.Incidents;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;
using Microsoft.Data.Sqlite;

namespace HotSpots.Host.Tests.Hosting;

/// <summary>What a server checks of its SQLite store before it starts: that no other server holds it, and that it is sound.</summary>
public sealed class StoreClaimTests
{
    [Fact]
    public async Task A_second_server_on_the_same_store_file_is_refused_at_start_naming_the_file_while_the_import_tool_still_writes_into_it()
    {
        using var dir = new TempDirectory();
        var store = dir.File("shared.db");
        await using var first = await HostProcess.StartAsync(Settings(store));

        var (exitCode, output) = await HostProcess.RefusedAsync(Settings(store));

        Assert.Equal(2, exitCode);
        Assert.Contains($"HotSpots cannot start: storage in use: another HotSpots server holds {store} (it has {store}.server.lock locked", output);
        Assert.DoesNotContain("Unhandled exception", output);
        // The import tool opens the store as the server's neighbour, never taking the server's lock.
        await using (var tool = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = store }, TimeProvider.System))
        {
            await tool.AppendAsync([new Incident("essex-police", "imported-1", Category.Burglary,
                OccurredAt.Exact(DateTimeOffset.UtcNow.AddHours(-1)), 51.4757, 0.3217, null)]);
        }
        Assert.Equal(1, await StatusIncidentsAsync(first));
    }

    [Fact]
    public async Task A_server_killed_outright_leaves_no_lock_behind_and_the_next_one_starts_on_its_store()
    {
        using var dir = new TempDirectory();
        var store = dir.File("killed.db");
        await using (var first = await HostProcess.StartAsync(Settings(store))) await first.KillAsync();

        await using var second = await HostProcess.StartAsync(Settings(store));

        Assert.Equal(0, await StatusIncidentsAsync(second));
    }

    [Fact]
    public async Task A_store_holding_an_impossible_latitude_stops_the_server_at_start_with_one_line_naming_the_file()
    {
        using var dir = new TempDirectory();
        var store = dir.File("flipped.db");
        await using (var tool = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = store }, TimeProvider.System))
        {
            await tool.AppendAsync([new Incident("essex-police", "flipped", Category.Burglary,
                OccurredAt.Exact(DateTimeOffset.UtcNow.AddHours(-1)), 51.4757, 0.3217, null)]);
        }
        await using (var connection = new SqliteConnection($"Data Source={store};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE incidents SET latitude = 102.93";
            await command.ExecuteNonQueryAsync();
        }

        var (exitCode, output) = await HostProcess.RefusedAsync(Settings(store));

        Assert.Equal(2, exitCode);
        Assert.Contains($"HotSpots cannot start: storage damaged: {store} holds values out of range (incident 1 has latitude 102.93", output);
        Assert.DoesNotContain("Unhandled exception", output);
    }

    [Fact]
    public async Task A_store_file_that_cannot_be_written_stops_the_server_at_start_with_one_line_naming_the_file()
    {
        using var dir = new TempDirectory();
        var store = dir.File("hotspots.db");
        await using (var tool = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = store }, TimeProvider.System))
        {
        }
        using var readOnly = SmallDisk.ReadOnlyFile(store);

        var (exitCode, output) = await HostProcess.RefusedAsync(Settings(store));

        Assert.Equal(2, exitCode);
        Assert.Contains($"HotSpots cannot start: storage read-only: {store} can be read but not written", output);
    }

    private static async Task<long> StatusIncidentsAsync(HostProcess server)
    {
        using var viewer = new HttpClient { BaseAddress = server.BaseAddress };
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "viewer");
        return (await viewer.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("incidents").GetInt64();
    }

    private static string[] Settings(string store) =>
        [$"--HotSpots:Store:Sqlite:Path={store}", "--HotSpots:Security:ViewerKeys:0=viewer", "--HotSpots:Demo:Feed=false"];
}
