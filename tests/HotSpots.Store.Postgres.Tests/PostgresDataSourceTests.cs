using HotSpots.Testing;
using Npgsql;

namespace HotSpots.Store.Postgres.Tests;

public sealed class PostgresDataSourceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_nodes_pool_opens_twenty_connections_at_most_unless_the_connection_string_sets_its_own_size()
    {
        var waitOneSecond = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Timeout = 1 }.ConnectionString;
        await using var capped = PostgresDataSource.Create(waitOneSecond);
        await using var named = PostgresDataSource.Create(waitOneSecond + ";MaxPoolSize=21");
        var open = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < PostgresDataSource.DefaultMaxPoolSize; i++) open.Add(await capped.OpenConnectionAsync());
            var exhausted = await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await capped.OpenConnectionAsync());
            for (var i = 0; i < 21; i++) open.Add(await named.OpenConnectionAsync());

            Assert.Contains("pool has been exhausted", exhausted.Message);
            Assert.Equal(PostgresDataSource.DefaultMaxPoolSize + 21, open.Count);
        }
        finally
        {
            foreach (var connection in open) await connection.DisposeAsync();
        }
    }
}
