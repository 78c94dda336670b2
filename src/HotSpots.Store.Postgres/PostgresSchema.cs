using Npgsql;

namespace HotSpots.Store.Postgres;

/// <summary>
/// Each store feature owns its tables and their migrations (an ordered list of SQL scripts); the table
/// <c>hotspots_schema</c> records how many of each feature's scripts a database has run. Nodes starting together
/// migrate one at a time under a transaction-scoped advisory lock, and a script and its version row commit together.
/// </summary>
public static class PostgresSchema
{
    /// <summary>Advisory lock key for migrations ("hotspots-schema"); appends use their own key.</summary>
    private const long MigrationLock = 0x686f7473_00000001;

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string feature, IReadOnlyList<string> scripts, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", MigrationLock));
        await Execute(connection, "CREATE TABLE IF NOT EXISTS hotspots_schema (feature text PRIMARY KEY, version integer NOT NULL)", cancellationToken);
        await using var read = new NpgsqlCommand("SELECT version FROM hotspots_schema WHERE feature = @feature", connection);
        read.Parameters.AddWithValue("feature", feature);
        var applied = await read.ExecuteScalarAsync(cancellationToken) is int version ? version : 0;
        if (applied > scripts.Count)
            throw new InvalidOperationException($"the database's {feature} schema is at version {applied}, newer than this build knows ({scripts.Count}); run a newer HotSpots");
        for (var v = applied; v < scripts.Count; v++) await Execute(connection, scripts[v], cancellationToken);
        await Execute(connection,
            "INSERT INTO hotspots_schema (feature, version) VALUES (@feature, @version) ON CONFLICT (feature) DO UPDATE SET version = excluded.version",
            cancellationToken, ("feature", feature), ("version", scripts.Count));
        await transaction.CommitAsync(cancellationToken);
    }

    internal static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
