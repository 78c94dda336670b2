using System.Globalization;
using Npgsql;

namespace HotSpots.Store.Postgres;

/// <summary>
/// Grain checkpoints in PostgreSQL, with optimistic versions: a write names the version it replaces and succeeds only
/// if that is still the stored one, so two activations of one grain (a silo declared dead that was not) cannot
/// overwrite each other silently. Commits skip the wait for the WAL flush: the log rebuilds anything lost.
/// </summary>
public sealed class PostgresGrainStateStore : IGrainStateStore
{
    private static readonly string[] Schema =
    [
        "CREATE TABLE hotspots_grain_state (kind text NOT NULL, key text NOT NULL, version bigint NOT NULL, payload bytea NOT NULL, PRIMARY KEY (kind, key))",
    ];

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Touches nothing in the database: <see cref="OpenAsync(CancellationToken)"/> migrates its schema, once, before first use.</summary>
    public PostgresGrainStateStore(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public static async Task<PostgresGrainStateStore> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        var store = new PostgresGrainStateStore(dataSource);
        await store.OpenAsync(cancellationToken);
        return store;
    }

    public Task OpenAsync(CancellationToken cancellationToken = default) => PostgresSchema.MigrateAsync(_dataSource, "grain-state", Schema, cancellationToken);

    public async Task<StoredState?> ReadAsync(string kind, string key, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT version, payload FROM hotspots_grain_state WHERE kind = @kind AND key = @key");
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new StoredState(reader.GetFieldValue<byte[]>(1), reader.GetInt64(0).ToString(CultureInfo.InvariantCulture));
    }

    public async Task<string> WriteAsync(string kind, string key, byte[] payload, string? expectedETag, CancellationToken cancellationToken = default)
    {
        // One statement either way: insert when nothing is expected, update only the expected version otherwise.
        var sql = expectedETag is null
            ? "INSERT INTO hotspots_grain_state (kind, key, version, payload) VALUES (@kind, @key, 1, @payload) ON CONFLICT DO NOTHING RETURNING version"
            : "UPDATE hotspots_grain_state SET version = version + 1, payload = @payload WHERE kind = @kind AND key = @key AND version = @expected RETURNING version";
        var written = await ExecuteAsync(sql, kind, key, expectedETag, payload, cancellationToken);
        return written?.ToString(CultureInfo.InvariantCulture) ?? throw await ConflictAsync(kind, key, expectedETag, cancellationToken);
    }

    public async Task ClearAsync(string kind, string key, string? expectedETag, CancellationToken cancellationToken = default)
    {
        if (expectedETag is null)
        {
            if (await ReadAsync(kind, key, cancellationToken) is not null) throw await ConflictAsync(kind, key, expectedETag, cancellationToken);
            return;
        }
        var deleted = await ExecuteAsync("DELETE FROM hotspots_grain_state WHERE kind = @kind AND key = @key AND version = @expected RETURNING version",
            kind, key, expectedETag, null, cancellationToken);
        if (deleted is null) throw await ConflictAsync(kind, key, expectedETag, cancellationToken);
    }

    private async Task<long?> ExecuteAsync(string sql, string kind, string key, string? expectedETag, byte[]? payload, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (payload is not null) await PostgresSchema.Execute(connection, "SET LOCAL synchronous_commit = off", cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("key", key);
        if (payload is not null) command.Parameters.AddWithValue("payload", payload);
        if (expectedETag is not null) command.Parameters.AddWithValue("expected", long.Parse(expectedETag, CultureInfo.InvariantCulture));
        var result = await command.ExecuteScalarAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result is long version ? version : null;
    }

    private async Task<StateConflictException> ConflictAsync(string kind, string key, string? expected, CancellationToken cancellationToken) =>
        new($"{kind} {key}: stored version {(await ReadAsync(kind, key, cancellationToken))?.ETag ?? "none"}, expected {expected ?? "none"}");
}
