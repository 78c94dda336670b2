using System.Globalization;
using System.Text;
using System.Text.Json;
using HotSpots.Testing;
using Microsoft.Data.Sqlite;

namespace HotSpots.Cli.Tests;

public sealed class PartnerImportTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string StoreAt(string name) => $"--HotSpots:Store:Sqlite:Path={_dir.File(name)}";

    private static Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => ToolRun.RunAsync(args);

    [Fact]
    public async Task Importing_the_fire_sample_reports_fires_that_were_not_deliberate_and_unmapped_labels()
    {
        var report = _dir.File("fire.json");

        var (code, output, _) = await RunAsync("import", "fire", RepoPaths.Sample("fire-incidents.csv"), "--report", report, StoreAt("live.db"));

        Assert.Equal(0, code);
        Assert.Contains("imported 8, duplicates 1", output);
        Assert.Contains("not deliberate 2", output);
        // A row of the unmapped labels table: column, label, rows, where first seen.
        Assert.Matches(@"StopCodeDescription\W+Rubbish Fire\W+1\W+fire-incidents\.csv:9", output);
        var json = JsonDocument.Parse(File.ReadAllText(report)).RootElement;
        Assert.Equal("fire", json.GetProperty("format").GetString());
        Assert.Equal(2, json.GetProperty("notDeliberate").GetInt32());
        Assert.Equal(2, json.GetProperty("ignored").GetInt32());
        Assert.Equal(["Rubbish Fire", "Suspicious"],
            json.GetProperty("unmappedLabels").EnumerateArray().Select(u => u.GetProperty("label").GetString()).Order());
        Assert.Equal([13, 14, 15, 16, 21], json.GetProperty("malformed").EnumerateArray().Select(m => m.GetProperty("line").GetInt32()));
    }

    [Theory]
    [InlineData("fire", "fire-incidents.csv")]
    [InlineData("council", "council-asb-cases.csv")]
    public async Task A_sample_saved_with_bare_CR_line_ends_imports_exactly_as_the_original(string format, string sample)
    {
        var original = await File.ReadAllTextAsync(RepoPaths.Sample(sample));
        var macFile = _dir.File("mac-" + sample);
        await File.WriteAllTextAsync(macFile, original.ReplaceLineEndings("\r"));
        var originalReport = _dir.File("original.json");
        var macReport = _dir.File("mac.json");

        var (originalCode, _, _) = await RunAsync("import", format, RepoPaths.Sample(sample), "--report", originalReport, StoreAt("original.db"));
        var (macCode, macOutput, _) = await RunAsync("import", format, macFile, "--report", macReport, StoreAt("mac.db"));

        Assert.Equal((0, 0), (originalCode, macCode));
        Assert.Contains("imported 8, duplicates 1", macOutput);
        string Malformed(string report) => JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("malformed").GetRawText().Replace("mac-", "");
        Assert.Equal(Malformed(originalReport), Malformed(macReport));
        Assert.Equal(await ReadAllAsync(_dir.File("original.db")), await ReadAllAsync(_dir.File("mac.db")));
    }

    [Fact]
    public async Task An_unclosed_quote_costs_its_own_row_and_every_later_row_is_still_read()
    {
        var file = WriteLargeFireFile(_dir.File("fires.csv"), rows: 10_000);
        var lines = await File.ReadAllLinesAsync(file);
        lines[6] = lines[6].Replace(",Street", ",\"Street", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(file, lines);
        var report = _dir.File("report.json");

        var (code, output, _) = await RunAsync("import", "fire", file, "--report", report, StoreAt("live.db"));

        Assert.Equal(0, code);
        Assert.Contains("Rows 10,000: imported 6,349, duplicates 0, unlocated 0, outside area 3,650", output);
        var malformed = Assert.Single(JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("malformed").EnumerateArray());
        Assert.Equal(7, malformed.GetProperty("line").GetInt32());
        Assert.Equal("a quoted field is not closed (a quote on this line runs on over 9994 more lines; only this line is skipped)", malformed.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_and_against_a_store_counts_what_is_already_there()
    {
        var sample = RepoPaths.Sample("council-asb-cases.csv");

        var (firstCode, first, _) = await RunAsync("import", "council", sample, "--dry-run", StoreAt("live.db"));
        Assert.Equal(0, firstCode);
        Assert.Contains("would import 8, duplicates 1", first);
        Assert.False(File.Exists(_dir.File("live.db")));

        await RunAsync("import", "council", sample, StoreAt("live.db"));
        var (_, second, _) = await RunAsync("import", "council", sample, "--dry-run", StoreAt("live.db"));

        Assert.Contains("would import 0, duplicates 9", second);
        Assert.Equal(8, (await ReadAllAsync(_dir.File("live.db"))).Count);
    }

    [Fact]
    public async Task An_import_killed_half_way_and_run_again_leaves_exactly_the_store_of_one_clean_run()
    {
        var file = WriteLargeFireFile(_dir.File("fires.csv"), rows: 400_000);
        var interrupted = _dir.File("interrupted.db");

        using (var process = ToolRun.StartBuilt("import", "fire", file, $"--HotSpots:Store:Sqlite:Path={interrupted}"))
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await FirstCommitAsync(interrupted);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var partial = (await ReadAllAsync(interrupted)).Count;

        var (code, _, _) = await RunAsync("import", "fire", file, $"--HotSpots:Store:Sqlite:Path={interrupted}");
        Assert.Equal(0, code);
        await RunAsync("import", "fire", file, StoreAt("clean.db"));

        var clean = await ReadAllAsync(_dir.File("clean.db"));
        // The kill came part-way: some batches were stored, not all.
        Assert.InRange(partial, 1, clean.Count - 1);
        Assert.Equal(clean, await ReadAllAsync(interrupted));
    }

    [Fact]
    public async Task An_import_interrupted_part_way_exits_with_130_and_keeps_the_batches_already_written()
    {
        var file = WriteLargeFireFile(_dir.File("fires.csv"), rows: 400_000);
        var store = _dir.File("interrupted.db");
        using var interrupt = new CancellationTokenSource();

        var run = ToolRun.RunAsync(["import", "fire", file, $"--HotSpots:Store:Sqlite:Path={store}"], interrupt.Token);
        await FirstCommitAsync(store);
        await interrupt.CancelAsync();
        var (code, _, error) = await run;

        Assert.Equal(130, code);
        Assert.Contains("hotspots import: interrupted", error);
        Assert.InRange((await ReadAllAsync(store)).Count, 1, 400_000 - 1);
    }

    /// <summary>Deliberate secondary fires on a grid around Grays and Tilbury, one a minute from New Year 2025.</summary>
    private static string WriteLargeFireFile(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine("IncidentNumber,DateTimeOfCall,StopCodeDescription,Motive,Easting_m,Northing_m,StreetName");
        var start = new DateTime(2025, 1, 1, 0, 0, 0);
        for (var i = 0; i < rows; i++)
        {
            var at = start.AddMinutes(i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            writer.WriteLine($"BIG-{i:D7},{at},Secondary Fire,Deliberate,{560000 + i % 5000},{177000 + i / 5000 % 2000},Street {i % 300}");
        }
        return path;
    }

    /// <summary>Completes once the store holds incidents: woken by each change to the database's files.</summary>
    private static async Task FirstCommitAsync(string database)
    {
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(database)!, Path.GetFileName(database) + "*")
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
        };
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Changed += (_, _) => changed.TrySetResult();
        watcher.Created += (_, _) => changed.TrySetResult();
        watcher.EnableRaisingEvents = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await HasIncidentsAsync(database))
        {
            await changed.Task.WaitAsync(timeout.Token);
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private static async Task<bool> HasIncidentsAsync(string database)
    {
        if (!File.Exists(database)) return false;
        try
        {
            await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM incidents)";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 1;
        }
        catch (SqliteException)
        {
            // The file exists before its schema does.
            return false;
        }
    }

    private static async Task<List<string>> ReadAllAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT source, source_id, category, occurred_at, precision, latitude, longitude, location_text, origin FROM incidents ORDER BY source, source_id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    public void Dispose() => _dir.Dispose();
}
