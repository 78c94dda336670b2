using Npgsql;

namespace HotSpots.Store.Postgres;

/// <summary>Localities: one row per version, written under a table lock so that two editors never take the same version.</summary>
public sealed class PostgresLocalityStore : ILocalityStore
{
    private static readonly string[] Schema =
    [
        """
        CREATE TABLE hotspots_locality_versions (
            code text NOT NULL,
            version integer NOT NULL,
            name text NOT NULL,
            ward_set text NOT NULL,
            wards text[] NOT NULL,
            changed_by text NULL,
            retired boolean NOT NULL,
            created_at timestamptz NOT NULL,
            PRIMARY KEY (code, version)
        );
        """,
    ];

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    /// <summary>Touches nothing in the database: <see cref="OpenAsync(CancellationToken)"/> migrates its schema, once, before first use.</summary>
    public PostgresLocalityStore(NpgsqlDataSource dataSource, TimeProvider time) => (_dataSource, _time) = (dataSource, time);

    public static async Task<PostgresLocalityStore> OpenAsync(NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var store = new PostgresLocalityStore(dataSource, time);
        await store.OpenAsync(cancellationToken);
        return store;
    }

    public Task OpenAsync(CancellationToken cancellationToken = default) => PostgresSchema.MigrateAsync(_dataSource, "localities", Schema, cancellationToken);

    public async Task<IReadOnlyList<LocalityVersion>> LocalityVersionsAsync(string? code = null, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT code, version, name, ward_set, wards, changed_by, retired, created_at FROM hotspots_locality_versions"
            + (code is null ? "" : " WHERE code = @code") + " ORDER BY code, version");
        if (code is not null) command.Parameters.AddWithValue("code", code);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<LocalityVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(new LocalityVersion(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<string[]>(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetBoolean(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return versions;
    }

    public async Task<LocalityVersion> AddLocalityVersionAsync(
        string code, string name, string wardSet, IReadOnlyList<string> wards, string? changedBy, bool retired, CancellationToken cancellationToken = default)
    {
        // To the microsecond PostgreSQL keeps, so what is returned equals what a read gives back.
        var now = _time.GetUtcNow();
        var at = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await PostgresSchema.Execute(connection, "LOCK TABLE hotspots_locality_versions IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO hotspots_locality_versions (code, version, name, ward_set, wards, changed_by, retired, created_at)
            SELECT @code, COALESCE(MAX(version), 0) + 1, @name, @wardSet, @wards, @by, @retired, @at FROM hotspots_locality_versions WHERE code = @code
            RETURNING version
            """, connection);
        insert.Parameters.AddWithValue("code", code);
        insert.Parameters.AddWithValue("name", name);
        insert.Parameters.AddWithValue("wardSet", wardSet);
        insert.Parameters.AddWithValue("wards", wards.ToArray());
        insert.Parameters.AddWithValue("by", (object?)changedBy ?? DBNull.Value);
        insert.Parameters.AddWithValue("retired", retired);
        insert.Parameters.AddWithValue("at", at);
        var version = (int)(await insert.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return new LocalityVersion(code, version, name, wardSet, [.. wards], changedBy, retired, at);
    }
}
