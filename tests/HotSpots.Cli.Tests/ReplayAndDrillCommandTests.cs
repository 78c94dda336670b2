using HotSpots.Testing;
using Microsoft.Data.Sqlite;

namespace HotSpots.Cli.Tests;

public sealed class ReplayAndDrillCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_store_replays_into_a_replay_store_tagged_as_replays_and_never_into_the_live_one()
    {
        var live = _dir.File("live.db");
        await ToolRun.RunAsync("import", "council", RepoPaths.Sample("council-asb-cases.csv"), $"--HotSpots:Store:Sqlite:Path={live}");

        var (code, output, _) = await ToolRun.RunAsync("replay", "--from-store", live, "--into", _dir.File("replay.db"), "--speed", "1000000000", "--run", "r7");
        var (refused, _, error) = await ToolRun.RunAsync("replay", "--from-store", live, "--into", live, "--speed", "1000000000");

        Assert.Equal(0, code);
        // The default period is the 7 days up to the store's latest incident (10 October): 4 to 10 October.
        Assert.Contains("of 2026-10-04 to 2026-10-10", output);
        Assert.Contains("Replayed 6: accepted 6", output);
        var rows = await QueryAsync(_dir.File("replay.db"), "SELECT source_id, origin FROM incidents");
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("r7:TC/ASB/2026/", r[0]));
        Assert.All(rows, r => Assert.Equal("2", r[1]));
        Assert.Equal(1, refused);
        Assert.Contains("is a live store, not a replay one", error);
        Assert.Equal(8, (await QueryAsync(live, "SELECT seq FROM incidents")).Count);
    }

    [Fact]
    public async Task A_drill_run_on_the_store_is_tagged_and_its_scenarios_can_be_listed()
    {
        var live = _dir.File("live.db");

        var (listed, list, _) = await ToolRun.RunAsync("drill", "--list");
        var (code, output, _) = await ToolRun.RunAsync("drill", "tilbury-fires", "--count", "5", "--within", "2h", $"--HotSpots:Store:Sqlite:Path={live}");
        var (unknown, _, error) = await ToolRun.RunAsync("drill", "flood", $"--HotSpots:Store:Sqlite:Path={live}");

        Assert.Equal((0, 0, 1), (listed, code, unknown));
        Assert.Contains("tilbury-fires", list);
        Assert.Contains("5 of 5 deliberate-secondary-fire incidents recorded in Tilbury St Chads", output);
        Assert.Contains("no drill scenario 'flood'", error);
        var rows = await QueryAsync(live, "SELECT source, origin, location_text, occurred_at FROM incidents ORDER BY occurred_at");
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(("drill", "1", "DRILL tilbury-fires"), (r[0], r[1], r[2])));
        var span = TimeSpan.FromMilliseconds(long.Parse(rows[^1][3]) - long.Parse(rows[0][3]));
        Assert.InRange(span, TimeSpan.FromMinutes(90), TimeSpan.FromHours(2));
    }

    private static async Task<List<string[]>> QueryAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        return rows;
    }

    public void Dispose() => _dir.Dispose();
}
