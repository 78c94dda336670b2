using Npgsql;

namespace HotSpots.Store.Postgres;

/// <summary>
/// Sessions and cookie keys shared by every node on the database: a sign-in on one node is good on the others, and a
/// sign-out or revocation on any node ends it on all of them.
/// </summary>
public sealed class PostgresSessionStore : ISessionStore
{
    /// <summary>Names are kept upper-cased so a revocation finds every spelling a person signed in with.</summary>
    private static readonly string[] Schema =
    [
        """
        CREATE TABLE hotspots_sessions (hash text PRIMARY KEY, name_key text NOT NULL, ends_at timestamptz NOT NULL);
        CREATE INDEX ix_hotspots_sessions_name ON hotspots_sessions (name_key);
        CREATE TABLE hotspots_data_protection_keys (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            friendly_name text NOT NULL UNIQUE,
            xml text NOT NULL
        );
        """,
    ];

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Touches nothing in the database: <see cref="OpenAsync(CancellationToken)"/> migrates its schema, once, before first use.</summary>
    public PostgresSessionStore(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public static async Task<PostgresSessionStore> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        var store = new PostgresSessionStore(dataSource);
        await store.OpenAsync(cancellationToken);
        return store;
    }

    public Task OpenAsync(CancellationToken cancellationToken = default) => PostgresSchema.MigrateAsync(_dataSource, "sessions", Schema, cancellationToken);

    public async Task StartSessionAsync(string hash, string name, DateTimeOffset ends, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO hotspots_sessions (hash, name_key, ends_at) VALUES (@hash, @name, @ends) ON CONFLICT (hash) DO UPDATE SET ends_at = excluded.ends_at");
        command.Parameters.AddWithValue("hash", hash);
        command.Parameters.AddWithValue("name", name.ToUpperInvariant());
        command.Parameters.AddWithValue("ends", ends.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> LiveUntilAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT ends_at FROM hotspots_sessions WHERE hash = @hash AND ends_at > @now");
        command.Parameters.AddWithValue("hash", hash);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    public async Task EndSessionAsync(string hash, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM hotspots_sessions WHERE hash = @hash");
        command.Parameters.AddWithValue("hash", hash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> EndSessionsAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM hotspots_sessions WHERE name_key = @name");
        command.Parameters.AddWithValue("name", name.ToUpperInvariant());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task PurgeExpiredSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM hotspots_sessions WHERE ends_at <= @now");
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT xml FROM hotspots_data_protection_keys ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) keys.Add(reader.GetString(0));
        return keys;
    }

    public async Task AddKeyAsync(string friendlyName, string xml, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO hotspots_data_protection_keys (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING");
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", xml);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
