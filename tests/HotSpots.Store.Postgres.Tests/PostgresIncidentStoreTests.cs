using HotSpots.Domain.Incidents;
using HotSpots.Store.Tests.Contracts;
using HotSpots.Testing;
using Npgsql;

namespace HotSpots.Store.Postgres.Tests;

public sealed class PostgresIncidentStoreTests : IncidentStoreContract, IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    protected override async Task<IIncidentStore> NewStoreAsync(StorePurpose? purpose = null) =>
        await PostgresIncidentStore.OpenAsync(_database.DataSource, purpose, TimeProvider.System);

    protected override async Task<IIncidentStore> ReopenAsync(IIncidentStore store, StorePurpose? purpose = null) =>
        await PostgresIncidentStore.OpenAsync(_database.DataSource, purpose, TimeProvider.System);

    [Fact]
    public async Task A_reader_tailing_while_eight_connections_append_at_once_never_skips_a_row_that_committed_late()
    {
        // Each appender has its own data source, so its own server sessions: commits interleave as those of separate nodes do.
        var appenders = Enumerable.Range(0, 8).Select(_ => NpgsqlDataSource.Create(_database.ConnectionString)).ToList();
        try
        {
            var stores = await Task.WhenAll(appenders.Select(d => PostgresIncidentStore.OpenAsync(d, null, TimeProvider.System)));
            var reader = await NewStoreAsync();
            var seen = new List<long>();
            using var done = new CancellationTokenSource();
            var tailing = Task.Run(async () =>
            {
                var after = 0L;
                while (true)
                {
                    var finished = done.IsCancellationRequested;
                    var page = await reader.ReadAfterAsync(after, 500);
                    seen.AddRange(page.Select(p => p.Sequence));
                    if (page.Count > 0) after = page[^1].Sequence;
                    else if (finished) return;
                }
            });

            await Task.WhenAll(stores.Select((store, s) => Task.Run(async () =>
            {
                for (var b = 0; b < 40; b++)
                    await store.AppendAsync([.. Enumerable.Range(0, 1 + (b * 7 + s) % 25).Select(i => Item($"node-{s}", $"{b}-{i}", minutes: i))]);
            })));
            await done.CancelAsync();
            await tailing;

            var stored = (await reader.ReadAfterAsync(0, 100_000)).Select(l => l.Sequence).ToList();
            Assert.Equal(stored, seen);
            Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored);
        }
        finally
        {
            foreach (var d in appenders) await d.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_log_written_by_the_first_schema_is_read_and_appended_to_after_its_last_row()
    {
        var slug = Category.AntiSocialBehaviour.Slug();
        await using (var command = _database.DataSource.CreateCommand($"""
            CREATE TABLE hotspots_schema (feature text PRIMARY KEY, version integer NOT NULL);
            INSERT INTO hotspots_schema VALUES ('incidents', 1);
            CREATE TABLE hotspots_meta (name text PRIMARY KEY, value text NOT NULL);
            CREATE TABLE hotspots_incidents (
                seq bigint PRIMARY KEY, key bigint NOT NULL, source text NOT NULL, source_id text NOT NULL, category text NOT NULL,
                occurred_at timestamptz NOT NULL, precision smallint NOT NULL, latitude double precision NOT NULL, longitude double precision NOT NULL,
                location_text text NULL, recorded_at timestamptz NOT NULL, origin smallint NOT NULL,
                CONSTRAINT ux_hotspots_incidents_key UNIQUE (key));
            INSERT INTO hotspots_incidents SELECT s, s * 7919, 'older', 'row-' || s, '{slug}', now(), 0, 51.47, 0.32, NULL, now(), 0 FROM generate_series(1, 3) s;
            """))
            await command.ExecuteNonQueryAsync();

        await using var store = await NewStoreAsync();
        var appended = await store.AppendAsync([Item("essex-police", "new")]);

        Assert.Equal(4, appended.Appended.Single().Sequence);
        Assert.Equal(4, await store.LastSequenceAsync());
        Assert.Equal([1L, 2, 3, 4], (await store.ReadAfterAsync(0, 10)).Select(l => l.Sequence));
    }

    [Fact]
    public async Task When_the_server_ends_the_writers_connection_one_append_is_refused_as_unavailable_and_the_next_is_stored()
    {
        await using var store = await NewStoreAsync();
        await store.AppendAsync([Item("essex-police", "before")]);

        // The pool's idle connections go first, so the server's cut reaches the writer's alone (an idle pooled one, cut,
        // would fail whichever read took it next, which is Npgsql's business rather than the writer's).
        _database.DataSource.Clear();
        await using (var admin = NpgsqlDataSource.Create(_database.ConnectionString))
        {
            // Materialized, so the planner cannot test the terminating call before the filter that spares this session.
            await using var end = admin.CreateCommand(
                "WITH others AS MATERIALIZED (SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()) " +
                "SELECT array_agg(pid) FROM others WHERE pg_terminate_backend(pid)");
            var ended = (int[])(await end.ExecuteScalarAsync())!;
            await using var gone = admin.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(@pids)");
            gone.Parameters.AddWithValue("pids", ended);
            while ((long)(await gone.ExecuteScalarAsync())! > 0) await Task.Yield();
        }
        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.AppendAsync([Item("essex-police", "lost")]));
        var after = await store.AppendAsync([Item("essex-police", "after")]);

        Assert.Equal(StoreFault.Unreachable, refused.Fault);
        Assert.Equal([AppendOutcome.Appended], after.Outcomes);
        Assert.Equal(["before", "after"], (await store.ReadIncidentsAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue).ToListAsync()).Select(i => i.SourceId));
        Assert.Equal(2, await store.LastSequenceAsync());
    }

    [Fact]
    public async Task Nodes_opening_a_new_database_at_once_migrate_it_once()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresIncidentStore.OpenAsync(_database.DataSource, null, TimeProvider.System)));

        await opened[0].AppendAsync([Item("essex-police", "one")]);
        Assert.All(await Task.WhenAll(opened.Select(s => s.CountAsync())), c => Assert.Equal(1, c));
        await using var version = _database.DataSource.CreateCommand("SELECT version FROM hotspots_schema WHERE feature = 'incidents'");
        Assert.Equal(2, await version.ExecuteScalarAsync());
    }
}
