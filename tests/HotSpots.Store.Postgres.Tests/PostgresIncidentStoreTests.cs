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
    public async Task Nodes_opening_a_new_database_at_once_migrate_it_once()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresIncidentStore.OpenAsync(_database.DataSource, null, TimeProvider.System)));

        await opened[0].AppendAsync([Item("essex-police", "one")]);
        Assert.All(await Task.WhenAll(opened.Select(s => s.CountAsync())), c => Assert.Equal(1, c));
        await using var version = _database.DataSource.CreateCommand("SELECT version FROM hotspots_schema WHERE feature = 'incidents'");
        Assert.Equal(1, await version.ExecuteScalarAsync());
    }
}
