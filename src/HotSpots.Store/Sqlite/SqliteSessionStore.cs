using Microsoft.Data.Sqlite;

namespace HotSpots.Store.Sqlite;

/// <summary>
/// Sessions and cookie keys in the incident store's SQLite file, so a restart keeps both and the embedded node still
/// keeps one file. Writes take their turn on the store's writer connection; reads use a pooled connection.
/// </summary>
public sealed class SqliteSessionStore(SqliteIncidentStore incidents) : ISessionStore
{
    /// <summary>Names are kept upper-cased so a revocation finds every spelling a person signed in with.</summary>
    internal static void Migrate(SqliteConnection connection, SqliteTransaction transaction) =>
        SqliteIncidentStore.Execute(connection, transaction, """
            CREATE TABLE sessions (hash TEXT PRIMARY KEY, name_key TEXT NOT NULL, ends_at INTEGER NOT NULL) WITHOUT ROWID;
            CREATE INDEX ix_sessions_name ON sessions (name_key);
            CREATE TABLE data_protection_keys (id INTEGER PRIMARY KEY, friendly_name TEXT NOT NULL UNIQUE, xml TEXT NOT NULL);
            """);

    public Task StartSessionAsync(string hash, string name, DateTimeOffset ends, CancellationToken cancellationToken = default) =>
        incidents.WriteAsync(command =>
        {
            command.CommandText = "INSERT INTO sessions (hash, name_key, ends_at) VALUES ($hash, $name, $ends) ON CONFLICT (hash) DO UPDATE SET ends_at = excluded.ends_at";
            command.Parameters.AddWithValue("$hash", hash);
            command.Parameters.AddWithValue("$name", name.ToUpperInvariant());
            command.Parameters.AddWithValue("$ends", ends.ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
        }, cancellationToken);

    public async Task<DateTimeOffset?> LiveUntilAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await incidents.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ends_at FROM sessions WHERE hash = $hash AND ends_at > $now";
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteScalarAsync(cancellationToken) is long ends ? DateTimeOffset.FromUnixTimeMilliseconds(ends) : null;
    }

    public Task EndSessionAsync(string hash, CancellationToken cancellationToken = default) => incidents.WriteAsync(command =>
    {
        command.CommandText = "DELETE FROM sessions WHERE hash = $hash";
        command.Parameters.AddWithValue("$hash", hash);
        command.ExecuteNonQuery();
    }, cancellationToken);

    public async Task<int> EndSessionsAsync(string name, CancellationToken cancellationToken = default)
    {
        var ended = 0;
        await incidents.WriteAsync(command =>
        {
            command.CommandText = "DELETE FROM sessions WHERE name_key = $name";
            command.Parameters.AddWithValue("$name", name.ToUpperInvariant());
            ended = command.ExecuteNonQuery();
        }, cancellationToken);
        return ended;
    }

    public Task PurgeExpiredSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => incidents.WriteAsync(command =>
    {
        command.CommandText = "DELETE FROM sessions WHERE ends_at <= $now";
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }, cancellationToken);

    public async Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await incidents.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM data_protection_keys ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) keys.Add(reader.GetString(0));
        return keys;
    }

    public Task AddKeyAsync(string friendlyName, string xml, CancellationToken cancellationToken = default) => incidents.WriteAsync(command =>
    {
        command.CommandText = "INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($name, $xml) ON CONFLICT (friendly_name) DO NOTHING";
        command.Parameters.AddWithValue("$name", friendlyName);
        command.Parameters.AddWithValue("$xml", xml);
        command.ExecuteNonQuery();
    }, cancellationToken);
}
