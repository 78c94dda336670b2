using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HotSpots.Domain.Incidents;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HotSpots.Store.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with synchronous=FULL, so an acknowledged batch survives a killed
/// process and a power cut. One writer connection (SQLite allows one writer at a time anyway) serialised by a
/// semaphore; reads use pooled connections and run beside it. Another process (the import tool) may write the same
/// file: the busy timeout makes each wait its turn.
/// <para>
/// Idempotency rests on a unique index over a 64-bit key (the first eight bytes of SHA-256 of source and sourceId)
/// rather than the two strings: partner ids are random-looking, and a random-order index of long strings costs
/// several times more per insert than one of integers. Each batch is inserted in key order, through SQLite's own
/// statement API, so neighbouring index pages are written together. When SQLite ignores a row, the stored source and
/// sourceId are compared, so two different incidents whose keys collide are refused loudly, never merged.
/// </para>
/// </summary>
public sealed class SqliteIncidentStore : IIncidentStore
{
    private const string InsertSql =
        "INSERT OR IGNORE INTO incidents (key, source, source_id, category, occurred_at, precision, latitude, longitude, location_text, recorded_at) " +
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE incidents (
            seq INTEGER PRIMARY KEY,
            key INTEGER NOT NULL,
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
        CREATE UNIQUE INDEX ux_incidents_key ON incidents (key);
        """,
    ];

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;
    private sqlite3_stmt? _insert;
    private SqliteCommand? _findByKey;

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
        var keys = new long[incidents.Count];
        var order = new int[incidents.Count];
        for (var i = 0; i < incidents.Count; i++)
        {
            keys[i] = Key(incidents[i].Source, incidents[i].SourceId);
            order[i] = i;
        }
        // Key order for the index; input order among equal keys, so the first of two copies is the one appended.
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var db = _writer!.Handle!;
            var insert = _insert!;
            var recordedAt = _time.GetUtcNow().ToUnixTimeMilliseconds();
            using var transaction = _writer.BeginTransaction(deferred: false);
            _findByKey!.Transaction = transaction;
            foreach (var i in order)
            {
                var incident = incidents[i];
                raw.sqlite3_bind_int64(insert, 1, keys[i]);
                raw.sqlite3_bind_text(insert, 2, incident.Source);
                raw.sqlite3_bind_text(insert, 3, incident.SourceId);
                raw.sqlite3_bind_text(insert, 4, incident.Category.Slug());
                raw.sqlite3_bind_int64(insert, 5, incident.OccurredAt.Start.ToUnixTimeMilliseconds());
                raw.sqlite3_bind_int(insert, 6, (int)incident.OccurredAt.Precision);
                raw.sqlite3_bind_double(insert, 7, incident.Latitude);
                raw.sqlite3_bind_double(insert, 8, incident.Longitude);
                if (incident.LocationText is null) raw.sqlite3_bind_null(insert, 9);
                else raw.sqlite3_bind_text(insert, 9, incident.LocationText);
                raw.sqlite3_bind_int64(insert, 10, recordedAt);
                var rc = raw.sqlite3_step(insert);
                raw.sqlite3_reset(insert);
                if (rc != raw.SQLITE_DONE) throw new SqliteException($"appending an incident failed: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
                outcomes[i] = raw.sqlite3_changes(db) == 1 ? AppendOutcome.Appended : CheckDuplicate(keys[i], incident);
            }
            transaction.Commit();
            return outcomes;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The key for (source, sourceId): the first eight bytes of the SHA-256 of the length-prefixed pair.</summary>
    public static long Key(string source, string sourceId)
    {
        Span<byte> hash = stackalloc byte[32];
        var text = $"{source.Length}:{source}\n{sourceId}";
        var bytes = text.Length < 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(text.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(text, bytes)], hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }

    private AppendOutcome CheckDuplicate(long key, Incident incident)
    {
        _findByKey!.Parameters[0].Value = key;
        using var reader = _findByKey.ExecuteReader();
        if (reader.Read() && reader.GetString(0) == incident.Source && reader.GetString(1) == incident.SourceId) return AppendOutcome.Duplicate;
        throw new InvalidOperationException(
            $"incident {incident.Source}/{incident.SourceId} has the same 64-bit key as a different stored incident; it was not stored");
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
            _insert?.Dispose();
            if (_findByKey is not null) await _findByKey.DisposeAsync();
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
        var rc = raw.sqlite3_prepare_v2(_writer.Handle!, InsertSql, out _insert);
        if (rc != raw.SQLITE_OK) throw new SqliteException($"preparing the insert failed: {raw.sqlite3_errmsg(_writer.Handle!).utf8_to_string()}", rc);
        _findByKey = _writer.CreateCommand();
        _findByKey.CommandText = "SELECT source, source_id FROM incidents WHERE key = $key";
        _findByKey.Parameters.Add(new SqliteParameter { ParameterName = "$key" });
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
