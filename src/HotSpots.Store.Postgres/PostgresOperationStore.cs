using System.Text.Json;
using HotSpots.Domain.Evaluation;
using Npgsql;
using NpgsqlTypes;

namespace HotSpots.Store.Postgres;

/// <summary>
/// Zone versions, ward sets, operations and the patrol log. Every change to the geography (a zone version, a ward
/// set, the current set, an operation) bumps one revision in the same transaction, which every node polls to know
/// that its geography is out of date.
/// </summary>
public sealed class PostgresOperationStore : IOperationStore
{
    private static readonly string[] Schema =
    [
        """
        CREATE TABLE hotspots_geography (name text PRIMARY KEY, value text NOT NULL);
        INSERT INTO hotspots_geography (name, value) VALUES ('revision', '0');
        CREATE TABLE hotspots_zone_versions (
            code text NOT NULL,
            version integer NOT NULL,
            name text NOT NULL,
            shape text NOT NULL,
            origin text NOT NULL,
            retired boolean NOT NULL,
            created_at timestamptz NOT NULL,
            PRIMARY KEY (code, version)
        );
        CREATE TABLE hotspots_ward_sets (
            id text PRIMARY KEY,
            name text NOT NULL,
            wards integer NOT NULL,
            features text NOT NULL,
            loaded_at timestamptz NOT NULL
        );
        CREATE TABLE hotspots_operations (id text PRIMARY KEY, body jsonb NOT NULL, updated_at timestamptz NOT NULL);
        CREATE TABLE hotspots_patrols (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source text NOT NULL,
            source_id text NOT NULL,
            zone text NOT NULL,
            started_at timestamptz NOT NULL,
            ended_at timestamptz NOT NULL,
            officers integer NOT NULL,
            method text NULL,
            recorded_at timestamptz NOT NULL,
            CONSTRAINT ux_hotspots_patrols_source UNIQUE (source, source_id)
        );
        CREATE INDEX ix_hotspots_patrols_started ON hotspots_patrols (started_at);
        """,
    ];

    private const string BumpRevision = "UPDATE hotspots_geography SET value = (value::bigint + 1)::text WHERE name = 'revision'";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    /// <summary>Touches nothing in the database: <see cref="OpenAsync(CancellationToken)"/> migrates its schema, once, before first use.</summary>
    public PostgresOperationStore(NpgsqlDataSource dataSource, TimeProvider time) => (_dataSource, _time) = (dataSource, time);

    public static async Task<PostgresOperationStore> OpenAsync(NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var store = new PostgresOperationStore(dataSource, time);
        await store.OpenAsync(cancellationToken);
        return store;
    }

    public Task OpenAsync(CancellationToken cancellationToken = default) => PostgresSchema.MigrateAsync(_dataSource, "operations", Schema, cancellationToken);

    /// <summary>Now, to the microsecond PostgreSQL keeps, so what a write returns equals what a read gives back.</summary>
    private DateTimeOffset Now
    {
        get
        {
            var now = _time.GetUtcNow();
            return new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        }
    }

    public async Task<long> GeographyRevisionAsync(CancellationToken cancellationToken = default) =>
        long.Parse((string)(await ScalarAsync("SELECT value FROM hotspots_geography WHERE name = 'revision'", [], cancellationToken))!);

    public async Task<IReadOnlyList<ZoneVersion>> ZoneVersionsAsync(string? code = null, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT code, version, name, shape, origin, retired, created_at FROM hotspots_zone_versions"
            + (code is null ? "" : " WHERE code = @code") + " ORDER BY code, version");
        if (code is not null) command.Parameters.AddWithValue("code", code);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<ZoneVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(new ZoneVersion(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetBoolean(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return versions;
    }

    public async Task<ZoneVersion> AddZoneVersionAsync(string code, string name, string shape, string origin, bool retired, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var version = await WriteAsync(async (connection, ct) =>
        {
            // The zone's row lock would not exist yet for a new code: lock the revision row, which every geography write updates.
            await Execute(connection, "SELECT value FROM hotspots_geography WHERE name = 'revision' FOR UPDATE", [], ct);
            await using var insert = new NpgsqlCommand("""
                INSERT INTO hotspots_zone_versions (code, version, name, shape, origin, retired, created_at)
                SELECT @code, COALESCE(MAX(version), 0) + 1, @name, @shape, @origin, @retired, @at FROM hotspots_zone_versions WHERE code = @code
                RETURNING version
                """, connection);
            Add(insert, ("code", code), ("name", name), ("shape", shape), ("origin", origin), ("retired", retired), ("at", now));
            var added = (int)(await insert.ExecuteScalarAsync(ct))!;
            await Execute(connection, BumpRevision, [], ct);
            return added;
        }, cancellationToken);
        return new ZoneVersion(code, version, name, shape, origin, retired, now);
    }

    public async Task<IReadOnlyList<WardSetRecord>> WardSetsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT id, name, wards, loaded_at FROM hotspots_ward_sets ORDER BY loaded_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sets = new List<WardSetRecord>();
        while (await reader.ReadAsync(cancellationToken))
            sets.Add(new WardSetRecord(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3)));
        return sets;
    }

    public async Task<string?> WardSetFeaturesAsync(string id, CancellationToken cancellationToken = default) =>
        await ScalarAsync("SELECT features FROM hotspots_ward_sets WHERE id = @id", [("id", id)], cancellationToken) as string;

    public Task<bool> AddWardSetAsync(WardSetRecord set, string features, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, ct) =>
        {
            var added = await Execute(connection,
                "INSERT INTO hotspots_ward_sets (id, name, wards, features, loaded_at) VALUES (@id, @name, @wards, @features, @at) ON CONFLICT (id) DO NOTHING",
                [("id", set.Id), ("name", set.Name), ("wards", set.Wards), ("features", features), ("at", set.LoadedAt.ToUniversalTime())], ct) == 1;
            if (added) await Execute(connection, BumpRevision, [], ct);
            return added;
        }, cancellationToken);

    public async Task<string?> CurrentWardSetAsync(CancellationToken cancellationToken = default) =>
        await ScalarAsync("SELECT value FROM hotspots_geography WHERE name = 'current-ward-set'", [], cancellationToken) as string;

    public Task SetCurrentWardSetAsync(string id, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, ct) =>
        {
            await Execute(connection,
                "INSERT INTO hotspots_geography (name, value) VALUES ('current-ward-set', @id) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                [("id", id)], ct);
            return await Execute(connection, BumpRevision, [], ct);
        }, cancellationToken);

    public async Task<IReadOnlyList<Operation>> OperationsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT body::text FROM hotspots_operations ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var operations = new List<Operation>();
        while (await reader.ReadAsync(cancellationToken)) operations.Add(JsonSerializer.Deserialize<Operation>(reader.GetString(0), StoreDocuments.Json)!);
        return operations;
    }

    public Task PutOperationAsync(Operation operation, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, ct) =>
        {
            await Execute(connection, """
                INSERT INTO hotspots_operations (id, body, updated_at) VALUES (@id, @body::jsonb, @at)
                ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
                """, [("id", operation.Id), ("body", JsonSerializer.Serialize(operation, StoreDocuments.Json)), ("at", Now)], ct);
            return await Execute(connection, BumpRevision, [], ct);
        }, cancellationToken);

    public Task<bool> DeleteOperationAsync(string id, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, ct) =>
        {
            var deleted = await Execute(connection, "DELETE FROM hotspots_operations WHERE id = @id", [("id", id)], ct) == 1;
            if (deleted) await Execute(connection, BumpRevision, [], ct);
            return deleted;
        }, cancellationToken);

    public Task<AppendOutcome[]> AppendPatrolsAsync(IReadOnlyList<PatrolVisit> visits, CancellationToken cancellationToken = default) =>
        WriteAsync(async (connection, ct) =>
        {
            var outcomes = new AppendOutcome[visits.Count];
            await using var insert = new NpgsqlCommand("""
                INSERT INTO hotspots_patrols (source, source_id, zone, started_at, ended_at, officers, method, recorded_at)
                VALUES (@source, @id, @zone, @start, @end, @officers, @method, @at) ON CONFLICT (source, source_id) DO NOTHING
                """, connection);
            var source = insert.Parameters.Add("source", NpgsqlDbType.Text);
            var id = insert.Parameters.Add("id", NpgsqlDbType.Text);
            var zone = insert.Parameters.Add("zone", NpgsqlDbType.Text);
            var start = insert.Parameters.Add("start", NpgsqlDbType.TimestampTz);
            var end = insert.Parameters.Add("end", NpgsqlDbType.TimestampTz);
            var officers = insert.Parameters.Add("officers", NpgsqlDbType.Integer);
            var method = insert.Parameters.Add("method", NpgsqlDbType.Text);
            insert.Parameters.AddWithValue("at", Now);
            for (var i = 0; i < visits.Count; i++)
            {
                var v = visits[i];
                (source.Value, id.Value, zone.Value) = (v.Source, v.SourceId, v.Zone);
                (start.Value, end.Value, officers.Value) = (v.Start.ToUniversalTime(), v.End.ToUniversalTime(), v.Officers);
                method.Value = (object?)v.Method ?? DBNull.Value;
                outcomes[i] = await insert.ExecuteNonQueryAsync(ct) == 1 ? AppendOutcome.Appended : AppendOutcome.Duplicate;
            }
            return outcomes;
        }, cancellationToken);

    public async Task<IReadOnlyList<PatrolVisit>> PatrolsAsync(string? zone, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT zone, started_at, ended_at, officers, source, source_id, method FROM hotspots_patrols WHERE started_at >= @from AND started_at < @to"
            + (zone is null ? "" : " AND zone = @zone") + " ORDER BY started_at, seq");
        Add(command, ("from", from.ToUniversalTime()), ("to", to.ToUniversalTime()));
        if (zone is not null) command.Parameters.AddWithValue("zone", zone);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var visits = new List<PatrolVisit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            visits.Add(new PatrolVisit(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetInt32(3), reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return visits;
    }

    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await write(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<object?> ScalarAsync(string sql, (string, object)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        Add(command, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<int> Execute(NpgsqlConnection connection, string sql, (string, object)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        Add(command, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(NpgsqlCommand command, params (string Name, object Value)[] parameters)
    {
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
    }
}
