using HotSpots.Domain.Incidents;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;
using Microsoft.Data.Sqlite;

namespace HotSpots.Store.Tests.Sqlite;

public sealed class SqliteIncidentStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

    private SqliteStoreOptions Options => new() { Path = _dir.File("nested/folder/hotspots.db") };

    private static Incident Incident(string id, string source = "essex-police", Category category = Category.AntiSocialBehaviour) =>
        new(source, id, category, OccurredAt.Exact(new DateTimeOffset(2026, 11, 20, 22, 15, 0, TimeSpan.Zero)), 51.4757, 0.3217, "Grays station");

    [Fact]
    public async Task A_new_file_and_its_folder_are_created_and_migrated_on_open()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);
        Assert.True(File.Exists(Options.Path));
        Assert.Equal(0, await store.CountAsync());
    }

    [Fact]
    public async Task The_file_and_its_log_are_readable_by_the_owner_only_even_after_a_write()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);
        await store.AppendAsync([Incident("1")]);

        var files = new[] { "", "-wal", "-shm" }.Select(suffix => Options.Path + suffix).ToList();

        Assert.All(files, f => Assert.True(File.Exists(f)));
        if (!OperatingSystem.IsWindows())
            foreach (var file in files) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task The_same_source_and_source_id_is_stored_once_and_reported_as_a_duplicate()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);

        var first = await store.AppendAsync([Incident("a"), Incident("b"), Incident("a"), Incident("a", source: "ecfrs")]);
        var again = await store.AppendAsync([Incident("b", category: Category.Drugs)]);

        Assert.Equal([AppendOutcome.Appended, AppendOutcome.Appended, AppendOutcome.Duplicate, AppendOutcome.Appended], first.Outcomes);
        Assert.Equal([AppendOutcome.Duplicate], again.Outcomes);
        Assert.Empty(again.Appended);
        Assert.Equal(3, await store.CountAsync());
        var logged = await store.ReadAfterAsync(0, 10);
        Assert.All(logged, l => Assert.Equal(Category.AntiSocialBehaviour, l.Category));
        Assert.Equal(logged, first.Appended);
    }

    [Fact]
    public async Task Of_two_copies_in_one_batch_the_first_is_appended_and_the_second_is_the_duplicate()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);
        var batch = Enumerable.Range(0, 200).SelectMany(i => new[] { Incident($"k{i}"), Incident($"k{i}", category: Category.Drugs) }).ToList();

        var outcomes = (await store.AppendAsync(batch)).Outcomes;

        Assert.All(outcomes.Where((_, i) => i % 2 == 0), o => Assert.Equal(AppendOutcome.Appended, o));
        Assert.All(outcomes.Where((_, i) => i % 2 == 1), o => Assert.Equal(AppendOutcome.Duplicate, o));
        Assert.All(await store.ReadAfterAsync(0, 1000), l => Assert.Equal(Category.AntiSocialBehaviour, l.Category));
    }

    [Fact]
    public async Task Keys_are_stable_across_reopening_tell_sources_apart_and_differ_between_stores()
    {
        long first;
        await using (var store = await SqliteIncidentStore.OpenAsync(Options, _time))
        {
            first = store.Key("essex-police", "a");
            Assert.NotEqual(first, store.Key("ecfrs", "a"));
            Assert.NotEqual(store.Key("a\nb", "c"), store.Key("a", "b\nc"));
        }
        await using var reopened = await SqliteIncidentStore.OpenAsync(Options, _time);
        await using var other = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = _dir.File("other.db") }, _time);

        Assert.Equal(first, reopened.Key("essex-police", "a"));
        Assert.NotEqual(first, other.Key("essex-police", "a"));
    }

    [Fact]
    public async Task A_version_1_file_is_given_a_secret_and_re_keyed_so_its_incidents_still_deduplicate()
    {
        await using (var connection = new SqliteConnection($"Data Source={Options.Path};Pooling=False"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Options.Path)!);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE incidents (seq INTEGER PRIMARY KEY, key INTEGER NOT NULL, source TEXT NOT NULL, source_id TEXT NOT NULL,
                    category TEXT NOT NULL, occurred_at INTEGER NOT NULL, precision INTEGER NOT NULL, latitude REAL NOT NULL,
                    longitude REAL NOT NULL, location_text TEXT NULL, recorded_at INTEGER NOT NULL);
                CREATE UNIQUE INDEX ux_incidents_key ON incidents (key);
                INSERT INTO incidents VALUES (1, 111, 'essex-police', 'old-1', 'burglary', 0, 2, 51.4757, 0.3217, NULL, 0);
                INSERT INTO incidents VALUES (2, 222, 'ecfrs', 'old-2', 'deliberate-primary-fire', 0, 2, 51.4757, 0.3217, NULL, 0);
                PRAGMA user_version = 1;
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);
        var again = await store.AppendAsync([Incident("old-1"), Incident("old-2", source: "ecfrs"), Incident("new")]);

        Assert.Equal([AppendOutcome.Duplicate, AppendOutcome.Duplicate, AppendOutcome.Appended], again.Outcomes);
        Assert.Equal(3, await store.CountAsync());
    }

    [Fact]
    public async Task The_log_is_read_in_sequence_order_in_pages()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);
        var appended = await store.AppendAsync([.. Enumerable.Range(0, 25).Select(i => Incident($"id-{i}"))]);

        var first = await store.ReadAfterAsync(0, 10);
        var rest = await store.ReadAfterAsync(first[^1].Sequence, 100);

        Assert.Equal(10, first.Count);
        Assert.Equal(15, rest.Count);
        var sequences = first.Concat(rest).Select(i => i.Sequence).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(25, sequences.Distinct().Count());
        Assert.Equal(first.Concat(rest), appended.Appended);
    }

    [Fact]
    public async Task Stored_incidents_keep_their_time_precision_and_place()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);
        await store.AppendAsync([new Incident("essex-police", "m", Category.Burglary, OccurredAt.Month(2018, 1), 51.5, 0.4, null)]);
        await store.AppendAsync([new Incident("thurrock-council", "d", Category.FlyTipping, OccurredAt.Day(2026, 11, 3), 51.48, 0.31, "Alley off High Street")]);

        var logged = await store.ReadAfterAsync(0, 10);

        Assert.Equal(new LoggedIncident(logged[0].Sequence, Category.Burglary, OccurredAt.Month(2018, 1), 51.5, 0.4), logged[0]);
        Assert.Equal(OccurredAt.Day(2026, 11, 3), logged[1].OccurredAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), await store.LatestOccurredAtAsync("thurrock-council"));
        Assert.Null(await store.LatestOccurredAtAsync("nobody"));
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), await store.LatestOccurredAtAsync(null));
    }

    [Fact]
    public async Task Everything_acknowledged_is_there_after_reopening()
    {
        await using (var store = await SqliteIncidentStore.OpenAsync(Options, _time))
        {
            await store.AppendAsync([.. Enumerable.Range(0, 500).Select(i => Incident($"id-{i}"))]);
        }
        await using var reopened = await SqliteIncidentStore.OpenAsync(Options, _time);

        Assert.Equal(500, await reopened.CountAsync());
        Assert.All((await reopened.AppendAsync([Incident("id-7")])).Outcomes, o => Assert.Equal(AppendOutcome.Duplicate, o));
    }

    [Fact]
    public async Task The_file_is_in_write_ahead_logging_mode_with_the_expected_schema_version()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);
        await using var connection = new SqliteConnection($"Data Source={Options.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA user_version";
        Assert.Equal(8L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_store_from_a_newer_build_is_refused_rather_than_misread()
    {
        await using (var store = await SqliteIncidentStore.OpenAsync(Options, _time))
        {
        }
        await using (var connection = new SqliteConnection($"Data Source={Options.Path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            await command.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteIncidentStore.OpenAsync(Options, _time));
        Assert.Contains("newer", ex.Message);
    }

    [Fact]
    public async Task A_drills_origin_is_stored_and_comes_back_with_the_log_and_the_whole_incident()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);
        var drill = Incident("d1", source: "drill") with { Origin = IncidentOrigin.Drill };

        var result = await store.AppendAsync([Incident("r1"), drill]);

        // A batch is logged in key order, which is not submission order: compare as sets.
        Assert.Equal([IncidentOrigin.Recorded, IncidentOrigin.Drill], result.Appended.Select(a => a.Origin).Order());
        Assert.Equal(result.Appended, await store.ReadAfterAsync(0, 10));
        var whole = new List<Incident>();
        await foreach (var i in store.ReadIncidentsAsync(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero)))
            whole.Add(i);
        Assert.Equal([drill, Incident("r1")], whole.OrderBy(i => i.SourceId));
        var none = store.ReadIncidentsAsync(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        Assert.False(await none.GetAsyncEnumerator().MoveNextAsync());
    }

    [Fact]
    public async Task A_preview_says_what_an_append_would_do_and_writes_nothing()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);
        await store.AppendAsync([Incident("a")]);

        var preview = await store.PreviewAsync(IncidentBatch.From([Incident("a"), Incident("b"), Incident("b"), Incident("a", source: "ecfrs")]));

        Assert.Equal([AppendOutcome.Duplicate, AppendOutcome.Appended, AppendOutcome.Duplicate, AppendOutcome.Appended], preview);
        Assert.Equal(1, await store.CountAsync());
    }

    [Fact]
    public async Task A_new_file_is_a_live_store_unless_a_replay_store_is_asked_for_and_its_purpose_is_kept()
    {
        await using (var live = await SqliteIncidentStore.OpenAsync(Options, _time)) Assert.Equal(StorePurpose.Live, live.Purpose);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = Options.Path, Purpose = StorePurpose.Replay }, _time));
        Assert.Contains("is a live store, not a replay one", ex.Message);

        var replayPath = _dir.File("replay.db");
        await using var replay = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = replayPath, Purpose = StorePurpose.Replay }, _time);
        Assert.Equal(StorePurpose.Replay, replay.Purpose);
    }

    [Theory]
    [InlineData("UPDATE incidents SET latitude = 102.93 WHERE source_id = '2'", "has latitude 102.93")]
    [InlineData("UPDATE incidents SET longitude = -181 WHERE source_id = '1'", "longitude -181.0")]
    [InlineData("UPDATE incidents SET category = 'shouting' WHERE source_id = '3'", "category 'shouting'")]
    [InlineData("UPDATE incidents SET precision = 7 WHERE source_id = '2'", "precision 7")]
    [InlineData("UPDATE incidents SET origin = 9 WHERE source_id = '2'", "origin 9")]
    public async Task A_value_out_of_range_is_refused_at_open_naming_the_file_and_the_incident(string change, string named)
    {
        await StoreThreeAsync();
        await ChangeAsync(change);

        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteIncidentStore.OpenAsync(Options, _time));

        Assert.Equal(StoreFault.Damaged, ex.Fault);
        Assert.StartsWith($"storage damaged: {Options.Path} holds values out of range (", ex.Message);
        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public async Task A_changed_byte_in_the_key_secret_is_refused_at_open_so_stored_ids_cannot_come_in_again()
    {
        await StoreThreeAsync();
        await ChangeAsync("UPDATE meta SET value = CAST(zeroblob(16) AS BLOB) WHERE name = 'key-secret'");

        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteIncidentStore.OpenAsync(Options, _time));

        Assert.Equal(StoreFault.Damaged, ex.Fault);
        Assert.Contains($"storage damaged: {Options.Path} has a key secret that does not match incident 1's stored key", ex.Message);
    }

    [Fact]
    public async Task A_damaged_index_page_is_refused_at_open_by_the_quick_check_naming_the_file()
    {
        await StoreThreeAsync();
        long root;
        await using (var connection = new SqliteConnection($"Data Source={Options.Path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT rootpage FROM sqlite_master WHERE name = 'ux_incidents_key'";
            root = (long)(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA page_size";
            var pageSize = (long)(await command.ExecuteScalarAsync())!;
            root = (root - 1) * pageSize;
        }
        // The index page's header (its type and cell count) overwritten, as a torn or flipped write would leave it.
        await using (var file = new FileStream(Options.Path, FileMode.Open, FileAccess.Write))
        {
            file.Position = root;
            file.Write(Enumerable.Repeat((byte)0xFF, 12).ToArray());
        }

        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => SqliteIncidentStore.OpenAsync(Options, _time));

        Assert.Equal(StoreFault.Damaged, ex.Fault);
        Assert.StartsWith($"storage damaged: {Options.Path} failed SQLite's quick check (", ex.Message);
        Assert.EndsWith("restore it from a backup (or move it aside to start with an empty store)", ex.Message);
    }

    [Fact]
    public async Task A_sound_store_passes_its_checks_and_opens_with_everything_it_held()
    {
        await StoreThreeAsync();

        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);

        Assert.Equal(3, await store.CountAsync());
    }

    private async Task StoreThreeAsync()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);
        await store.AppendAsync([Incident("1"), Incident("2", category: Category.Burglary), Incident("3")]);
    }

    /// <summary>A change made behind the store's back, as a flipped bit or another program would make it.</summary>
    private async Task ChangeAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Options.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    public void Dispose() => _dir.Dispose();
}
