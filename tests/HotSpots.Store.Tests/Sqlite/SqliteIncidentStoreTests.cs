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
    public async Task The_same_source_and_source_id_is_stored_once_and_reported_as_a_duplicate()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);

        var first = await store.AppendAsync([Incident("a"), Incident("b"), Incident("a"), Incident("a", source: "ecfrs")]);
        var again = await store.AppendAsync([Incident("b", category: Category.Drugs)]);

        Assert.Equal([AppendOutcome.Appended, AppendOutcome.Appended, AppendOutcome.Duplicate, AppendOutcome.Appended], first);
        Assert.Equal([AppendOutcome.Duplicate], again);
        Assert.Equal(3, await store.CountAsync());
        var logged = await store.ReadAfterAsync(0, 10);
        Assert.All(logged, l => Assert.Equal(Category.AntiSocialBehaviour, l.Category));
    }

    [Fact]
    public async Task Of_two_copies_in_one_batch_the_first_is_appended_and_the_second_is_the_duplicate()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);
        var batch = Enumerable.Range(0, 200).SelectMany(i => new[] { Incident($"k{i}"), Incident($"k{i}", category: Category.Drugs) }).ToList();

        var outcomes = await store.AppendAsync(batch);

        Assert.All(outcomes.Where((_, i) => i % 2 == 0), o => Assert.Equal(AppendOutcome.Appended, o));
        Assert.All(outcomes.Where((_, i) => i % 2 == 1), o => Assert.Equal(AppendOutcome.Duplicate, o));
        Assert.All(await store.ReadAfterAsync(0, 1000), l => Assert.Equal(Category.AntiSocialBehaviour, l.Category));
    }

    [Fact]
    public void Keys_are_stable_and_tell_sources_apart()
    {
        Assert.Equal(SqliteIncidentStore.Key("essex-police", "a"), SqliteIncidentStore.Key("essex-police", "a"));
        Assert.NotEqual(SqliteIncidentStore.Key("essex-police", "a"), SqliteIncidentStore.Key("ecfrs", "a"));
        Assert.NotEqual(SqliteIncidentStore.Key("a\nb", "c"), SqliteIncidentStore.Key("a", "b\nc"));
    }

    [Fact]
    public async Task The_log_is_read_in_sequence_order_in_pages()
    {
        await using var store = await SqliteIncidentStore.OpenAsync(Options, _time);
        await store.AppendAsync([.. Enumerable.Range(0, 25).Select(i => Incident($"id-{i}"))]);

        var first = await store.ReadAfterAsync(0, 10);
        var rest = await store.ReadAfterAsync(first[^1].Sequence, 100);

        Assert.Equal(10, first.Count);
        Assert.Equal(15, rest.Count);
        var sequences = first.Concat(rest).Select(i => i.Sequence).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(25, sequences.Distinct().Count());
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
        Assert.All(await reopened.AppendAsync([Incident("id-7")]), o => Assert.Equal(AppendOutcome.Duplicate, o));
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
        Assert.Equal(1L, await command.ExecuteScalarAsync());
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

    public void Dispose() => _dir.Dispose();
}
