using Npgsql;

namespace HotSpots.Testing;

/// <summary>A fresh database on the test server, dropped when disposed.</summary>
public sealed class TestDatabase(string name, NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource => dataSource;

    public string ConnectionString => dataSource.ConnectionString;

    /// <summary>What a contract test closes after each opening of a store: nothing, the database outlives it.</summary>
    public IAsyncDisposable Borrowed { get; } = new NoOwner();

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await AdminAsync($"CREATE DATABASE {name}");
        var connection = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = name }.ConnectionString;
        return new TestDatabase(name, NpgsqlDataSource.Create(connection));
    }

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = NpgsqlDataSource.Create(TestPostgres.ConnectionString);
        await using var command = admin.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class NoOwner : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
