using System.Globalization;
using HotSpots.Domain.Incidents;
using Microsoft.Data.Sqlite;

namespace HotSpots.Store.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with synchronous=FULL, so an acknowledged batch survives a killed
/// process and a power cut. One writer connection (SQLite allows one writer at a time anyway) serialised by a
/// semaphore; reads use pooled connections and run beside it. Another process (the import tool) may write the same
/// file: the busy timeout makes each wait its turn.
/// </summary>
public sealed class SqliteIncidentStore : IIncidentStore
{
    private const string InsertSql =
        "INSERT OR IGNORE INTO incidents (source, source_id, category, occurred_at, precision, latitude, longitude, location_text, recorded_at) " +
        "VALUES ($source, $sourceId, $category, $occurredAt, $precision, $latitude, $longitude, $locationText, $recordedAt)";

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE incidents (
            seq INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            source_id TEXT NOT NULL,
            category TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            precision INTEGER NOT NULL,
            latitude REAL NOT NULL,
            longitude REAL NOT NULL,
            location_text TEXT NULL,
            recorded_at INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX ux_incidents_source ON incidents (source, source_id);
        """,
    ];

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;
    private SqliteCommand? _insert;

    static SqliteIncidentStore() => SQLitePCL.Batteries_V2.Init();

    private SqliteIncidentStore(string path, TimeProvider time)
    {
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
    }

    public string Path => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    /// <summary>Opens (creating and migrating when needed) the store at a path.</summary>
    public static async Task<SqliteIncidentStore> OpenAsync(SqliteStoreOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var full = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var store = new SqliteIncidentStore(full, time);
        await store.InitialiseAsync(cancellationToken);
        return store;
    }

    public async Task<AppendOutcome[]> AppendAsync(IReadOnlyList<Incident> incidents, CancellationToken cancellationToken = default)
    {
        var outcomes = new AppendOutcome[incidents.Count];
        if (incidents.Count == 0) return outcomes;
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var insert = _insert!;
            using var transaction = _writer!.BeginTransaction(deferred: false);
            insert.Transaction = transaction;
            var p = insert.Parameters;
            p[8].Value = _time.GetUtcNow().ToUnixTimeMilliseconds();
            for (var i = 0; i < incidents.Count; i++)
            {
                var incident = incidents[i];
                p[0].Value = incident.Source;
                p[1].Value = incident.SourceId;
                p[2].Value = incident.Category.Slug();
                p[3].Value = incident.OccurredAt.Start.ToUnixTimeMilliseconds();
                p[4].Value = (int)incident.OccurredAt.Precision;
                p[5].Value = incident.Latitude;
                p[6].Value = incident.Longitude;
                p[7].Value = (object?)incident.LocationText ?? DBNull.Value;
                outcomes[i] = insert.ExecuteNonQuery() == 1 ? AppendOutcome.Appended : AppendOutcome.Duplicate;
            }
            transaction.Commit();
            return outcomes;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<IReadOnlyList<LoggedIncident>> ReadAfterAsync(long afterSequence, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT seq, category, occurred_at, precision, latitude, longitude FROM incidents WHERE seq > $after ORDER BY seq LIMIT $max";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$max", max);
        var result = new List<LoggedIncident>(Math.Min(max, 4096));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (reader.Read())
        {
            if (!Categories.TryParse(reader.GetString(1), out var category))
                throw new InvalidDataException($"incident {reader.GetInt64(0)} has unknown category '{reader.GetString(1)}'");
            var start = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
            result.Add(new LoggedIncident(reader.GetInt64(0), category, new OccurredAt(start, (TimePrecision)reader.GetInt32(3)),
                reader.GetDouble(4), reader.GetDouble(5)));
        }
        return result;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM incidents";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<DateTimeOffset?> LatestOccurredAtAsync(string source, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(occurred_at) FROM incidents WHERE source = $source";
        command.Parameters.AddWithValue("$source", source);
        return await command.ExecuteScalarAsync(cancellationToken) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            if (_insert is not null) await _insert.DisposeAsync();
            if (_writer is not null) await _writer.DisposeAsync();
            _insert = null;
            _writer = null;
            SqliteConnection.ClearAllPools();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        _writer = new SqliteConnection(_connectionString);
        await _writer.OpenAsync(cancellationToken);
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
        Migrate(_writer);
        _insert = _writer.CreateCommand();
        _insert.CommandText = InsertSql;
        foreach (var name in new[] { "$source", "$sourceId", "$category", "$occurredAt", "$precision", "$latitude", "$longitude", "$locationText", "$recordedAt" })
        {
            _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
    }

    private static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var version = connection.CreateCommand();
        version.Transaction = transaction;
        version.CommandText = "PRAGMA user_version";
        var current = Convert.ToInt32(version.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (current > Migrations.Length)
            throw new InvalidOperationException($"the store's schema version {current} is newer than this build knows ({Migrations.Length})");
        for (var v = current; v < Migrations.Length; v++)
        {
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = Migrations[v] + $"; PRAGMA user_version = {v + 1};";
            step.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        Execute(connection, "PRAGMA busy_timeout=30000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
