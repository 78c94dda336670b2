using Microsoft.Data.Sqlite;

namespace HotSpots.Store.Sqlite;

/// <summary>
/// Grain state in the incident store's SQLite file, so the embedded node keeps one file. Writes take their turn on
/// the store's writer connection with the appends but skip the fsync: everything here is rebuilt from the log, and a
/// checkpoint costing an fsync per grain held up appends and live pushes by hundreds of milliseconds every round.
/// Reads use a pooled connection.
/// </summary>
public sealed class SqliteGrainStateStore(SqliteIncidentStore incidents) : IGrainStateStore
{
    internal static void Migrate(SqliteConnection connection, SqliteTransaction transaction) =>
        SqliteIncidentStore.Execute(connection, transaction, """
            CREATE TABLE grain_state (
                kind TEXT NOT NULL,
                key TEXT NOT NULL,
                version INTEGER NOT NULL,
                payload BLOB NOT NULL,
                PRIMARY KEY (kind, key)
            ) WITHOUT ROWID;
            """);

    public async Task<StoredState?> ReadAsync(string kind, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await incidents.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM grain_state WHERE kind = $kind AND key = $key";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new StoredState((byte[])reader.GetValue(1), reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<string> WriteAsync(string kind, string key, byte[] payload, string? expectedETag, CancellationToken cancellationToken = default)
    {
        long written = 0;
        await incidents.WriteAsync(command =>
        {
            var current = Version(command, kind, key);
            Check(current, expectedETag, kind, key);
            written = (current ?? 0) + 1;
            command.Parameters.Clear();
            command.CommandText = """
                INSERT INTO grain_state (kind, key, version, payload) VALUES ($kind, $key, $version, $payload)
                ON CONFLICT (kind, key) DO UPDATE SET version = excluded.version, payload = excluded.payload
                """;
            command.Parameters.AddWithValue("$kind", kind);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$version", written);
            command.Parameters.AddWithValue("$payload", payload);
            command.ExecuteNonQuery();
        }, flush: false, cancellationToken);
        return written.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task ClearAsync(string kind, string key, string? expectedETag, CancellationToken cancellationToken = default) =>
        incidents.WriteAsync(command =>
        {
            Check(Version(command, kind, key), expectedETag, kind, key);
            command.Parameters.Clear();
            command.CommandText = "DELETE FROM grain_state WHERE kind = $kind AND key = $key";
            command.Parameters.AddWithValue("$kind", kind);
            command.Parameters.AddWithValue("$key", key);
            command.ExecuteNonQuery();
        }, cancellationToken);

    private static long? Version(SqliteCommand command, string kind, string key)
    {
        command.CommandText = "SELECT version FROM grain_state WHERE kind = $kind AND key = $key";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() is long version ? version : null;
    }

    private static void Check(long? current, string? expected, string kind, string key)
    {
        var currentText = current?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (currentText != expected)
            throw new StateConflictException($"{kind} {key}: stored version {currentText ?? "none"}, expected {expected ?? "none"}");
    }
}
