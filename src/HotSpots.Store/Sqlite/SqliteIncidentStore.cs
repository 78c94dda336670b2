using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HotSpots.Domain.Incidents;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace HotSpots.Store.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with synchronous=FULL, so an acknowledged batch survives a killed
/// process and a power cut. One writer connection (SQLite allows one writer at a time anyway) serialised by a
/// semaphore; reads use pooled connections and run beside it; WAL checkpoints run on a connection of their own. Another process (the import tool) may write the same
/// file: the busy timeout makes each wait its turn.
/// <para>
/// Idempotency rests on a unique index over a 64-bit key (SipHash-2-4 of source and sourceId under a random secret
/// kept in the file's <c>meta</c> table) rather than the two strings: partner ids are random-looking, and a
/// random-order index of long strings costs several times more per insert than one of integers. The secret means a
/// partner cannot pick ids that collide with another's; a digest such as SHA-256 would do the same, but through
/// OpenSSL it cost more per row than the insert itself. Each batch is inserted in key order, through SQLite's own
/// statement API, so neighbouring index pages are written together. When SQLite ignores a row, the stored source and
/// sourceId are compared, so two different incidents whose keys collide are refused loudly, never merged.
/// </para>
/// </summary>
public sealed class SqliteIncidentStore : IIncidentStore, IWriteProbe
{
    private const string InsertSql =
        "INSERT OR IGNORE INTO incidents (key, source, source_id, category, occurred_at, precision, latitude, longitude, location_text, recorded_at, origin) " +
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

    /// <summary>Schema versions in order; <c>PRAGMA user_version</c> records how many have been applied.</summary>
    private static readonly Action<SqliteConnection, SqliteTransaction>[] Migrations =
    [
        (connection, transaction) => Execute(connection, transaction, """
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
            """),
        // Version 1 keyed rows by SHA-256; this gives the file its own secret and re-keys what it holds.
        (connection, transaction) =>
        {
            Execute(connection, transaction, "CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID; DROP INDEX ux_incidents_key;");
            using (var secret = connection.CreateCommand())
            {
                secret.Transaction = transaction;
                secret.CommandText = "INSERT INTO meta (name, value) VALUES ('key-secret', $secret)";
                secret.Parameters.AddWithValue("$secret", RandomNumberGenerator.GetBytes(16));
                secret.ExecuteNonQuery();
            }
            var (secret0, secret1) = ReadSecret(connection, transaction);
            var rows = new List<(long Seq, long Key)>();
            using (var read = connection.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = "SELECT seq, source, source_id FROM incidents";
                using var reader = read.ExecuteReader();
                while (reader.Read()) rows.Add((reader.GetInt64(0), Key(secret0, secret1, reader.GetString(1), reader.GetString(2))));
            }
            using (var update = connection.CreateCommand())
            {
                update.Transaction = transaction;
                update.CommandText = "UPDATE incidents SET key = $key WHERE seq = $seq";
                var key = update.Parameters.Add("$key", SqliteType.Integer);
                var seq = update.Parameters.Add("$seq", SqliteType.Integer);
                foreach (var row in rows)
                {
                    (key.Value, seq.Value) = (row.Key, row.Seq);
                    update.ExecuteNonQuery();
                }
            }
            Execute(connection, transaction, "CREATE UNIQUE INDEX ux_incidents_key ON incidents (key);");
        },
        // Drills and replays are tagged on every row (0 recorded, 1 drill, 2 replay).
        (connection, transaction) => Execute(connection, transaction, "ALTER TABLE incidents ADD COLUMN origin INTEGER NOT NULL DEFAULT 0;"),
        // Alerts (whole, as JSON, with the columns they are looked up by), failed webhook deliveries and rule overrides.
        (connection, transaction) => Execute(connection, transaction, """
            CREATE TABLE alerts (
                id TEXT PRIMARY KEY,
                area_set TEXT NOT NULL,
                area_code TEXT NOT NULL,
                grp TEXT NOT NULL,
                status TEXT NOT NULL,
                raised_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                resolved_at INTEGER NULL,
                body TEXT NOT NULL
            );
            CREATE INDEX ix_alerts_status ON alerts (status, raised_at);
            CREATE TABLE webhook_dead_letters (
                id INTEGER PRIMARY KEY,
                url TEXT NOT NULL,
                event TEXT NOT NULL,
                alert_id TEXT NOT NULL,
                payload TEXT NOT NULL,
                last_error TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                failed_at INTEGER NOT NULL
            );
            CREATE TABLE alert_rules (id TEXT PRIMARY KEY, body TEXT NULL);
            """),
        // Versioned geography (zone versions, ward sets), operations and the patrol log; the revision tells every node
        // that the geography has changed.
        (connection, transaction) => Execute(connection, transaction, """
            CREATE TABLE zone_versions (
                code TEXT NOT NULL,
                version INTEGER NOT NULL,
                name TEXT NOT NULL,
                shape TEXT NOT NULL,
                origin TEXT NOT NULL,
                retired INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (code, version)
            );
            CREATE TABLE ward_sets (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                wards INTEGER NOT NULL,
                features TEXT NOT NULL,
                loaded_at INTEGER NOT NULL
            );
            CREATE TABLE operations (id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at INTEGER NOT NULL);
            CREATE TABLE patrols (
                seq INTEGER PRIMARY KEY,
                source TEXT NOT NULL,
                source_id TEXT NOT NULL,
                zone TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                ended_at INTEGER NOT NULL,
                officers INTEGER NOT NULL,
                method TEXT NULL,
                recorded_at INTEGER NOT NULL
            );
            CREATE UNIQUE INDEX ux_patrols_key ON patrols (source, source_id);
            CREATE INDEX ix_patrols_zone ON patrols (zone, started_at);
            INSERT INTO meta (name, value) VALUES ('geography-revision', 0);
            """),
        (connection, transaction) => SqliteGrainStateStore.Migrate(connection, transaction),
        (connection, transaction) => SqliteSessionStore.Migrate(connection, transaction),
        (connection, transaction) => SqliteLocalityStore.Migrate(connection, transaction),
    ];

    /// <summary>UTF-8 slugs by category, so binding one does not encode a string per row.</summary>
    private static readonly byte[][] CategorySlugs = [.. Enum.GetValues<Category>().OrderBy(c => (int)c).Select(c => Encoding.UTF8.GetBytes(c.Slug()))];

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly StorePurpose? _wantedPurpose;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TextPool _locationTexts = new();
    private SqliteConnection? _writer;
    private sqlite3_stmt? _insert;
    private nint _insertHandle, _db;
    private int _boundOrigin = -1;
    private ulong _secret0, _secret1;
    private WalCheckpointer? _checkpointer;
    private SqliteCommand? _findByKey;

    static SqliteIncidentStore() => SQLitePCL.Batteries_V2.Init();

    /// <summary>Touches nothing on disk: <see cref="OpenAsync(CancellationToken)"/> opens the file, once, before first use.</summary>
    public SqliteIncidentStore(IOptions<SqliteStoreOptions> options, TimeProvider time)
    {
        _time = time;
        _wantedPurpose = options.Value.Purpose;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = System.IO.Path.GetFullPath(options.Value.Path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
    }

    public string Path => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    public StorePurpose Purpose { get; private set; }

    /// <summary>
    /// Makes the file and its log readable by the service's user only, like the key files beside it: SQLite creates
    /// them with the process's umask (0644 as a rule), and they hold the key secret and every incident.
    /// </summary>
    private void RestrictToOwner()
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" }.Where(File.Exists))
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Whether the last write reached the disk; a full or read-only disk shows here until a write succeeds again.</summary>
    public StoreHealth Health { get; } = new();

    /// <summary>
    /// Writes one small row, to learn whether the store can be written again after a failure: a full disk stays
    /// "full" until something tries, and callers stop sending while it is.
    /// </summary>
    public Task ProbeWriteAsync(CancellationToken cancellationToken = default) => WriteAsync(command =>
    {
        command.CommandText = "INSERT INTO meta (name, value) VALUES ('write-probe', $at) ON CONFLICT (name) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }, cancellationToken);

    /// <summary>How the stores that share the file write documents (alerts, operations) as JSON.</summary>
    internal static JsonSerializerOptions DocumentJson => StoreDocuments.Json;

    /// <summary>The injected clock, for the stores that share the file.</summary>
    internal DateTimeOffset Now => _time.GetUtcNow();


    /// <summary>Opens (creating and migrating when needed) the store at a path.</summary>
    public static async Task<SqliteIncidentStore> OpenAsync(SqliteStoreOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var store = new SqliteIncidentStore(Options.Create(options), time);
        await store.OpenAsync(cancellationToken);
        return store;
    }

    /// <summary>
    /// Creates the file (and its folder) when missing, checks it, migrates it and settles its purpose; a file that
    /// cannot be used is refused with a <see cref="StoreUnavailableException"/> naming it.
    /// </summary>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        try
        {
            await InitialiseAsync(_wantedPurpose, cancellationToken);
            RestrictToOwner();
        }
        catch (SqliteException ex) when (WriterTransaction.FaultOf(ex) is { } fault)
        {
            await DisposeAsync();
            throw WriterTransaction.Unavailable(fault, Path, ex);
        }
        catch (InvalidDataException ex)
        {
            await DisposeAsync();
            throw new StoreUnavailableException(StoreFault.Damaged, Path, WriterTransaction.DamagedMessage(Path, ex.Message), ex);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task<AppendResult> AppendAsync(IncidentBatch incidents, CancellationToken cancellationToken = default)
    {
        var outcomes = new AppendOutcome[incidents.Count];
        if (incidents.Count == 0) return new AppendResult(outcomes, []);
        var (keys, order) = KeyOrder(incidents);

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var recordedAt = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var appended = new List<LoggedIncident>(incidents.Count);
            using var transaction = new WriterTransaction(_writer!);
            _findByKey!.Transaction = transaction.Transaction;
            for (var k = 0; k < order.Length; k++)
            {
                var i = order[k];
                if (Insert(keys[k], incidents, i, recordedAt))
                {
                    outcomes[i] = AppendOutcome.Appended;
                    appended.Add(new LoggedIncident(SqliteNative.LastInsertRowId(_db), incidents.Category(i), incidents.OccurredAt(i),
                        incidents.Latitude(i), incidents.Longitude(i), incidents.Origin(i),
                        incidents.HasLocation(i) ? _locationTexts.Get(incidents.Location(i)) : null));
                }
                else
                {
                    outcomes[i] = CheckDuplicate(keys[k], incidents[i]);
                }
            }
            transaction.Commit();
            Health.Succeeded();
            return new AppendResult(outcomes, appended);
        }
        catch (SqliteException ex) when (WriterTransaction.FaultOf(ex) is { } fault)
        {
            throw Health.Failed(WriterTransaction.Unavailable(fault, Path, ex));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Runs a small write (the alert store's) in its own transaction on the writer connection. Waiting for the write
    /// lock here is asynchronous; a second connection would instead sleep in SQLite's busy handler, holding a
    /// thread-pool thread, whenever an append was committing.
    /// </summary>
    internal async Task WriteAsync(Action<SqliteCommand> write, CancellationToken cancellationToken) =>
        await WriteAsync(write, flush: true, cancellationToken);

    /// <summary>
    /// As <see cref="WriteAsync(Action{SqliteCommand}, CancellationToken)"/>; with <paramref name="flush"/> false the
    /// commit skips its fsync. For state the log can rebuild (grain checkpoints): a killed process still loses nothing,
    /// and a power cut can lose only the latest such commits, never one without those before it (the WAL is replayed
    /// in order), while a later flushed commit makes them durable too.
    /// </summary>
    internal async Task WriteAsync(Action<SqliteCommand> write, bool flush, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (!flush) Execute(_writer!, "PRAGMA synchronous=NORMAL;");
            try
            {
                using var transaction = new WriterTransaction(_writer!);
                using var command = _writer!.CreateCommand();
                command.Transaction = transaction.Transaction;
                write(command);
                transaction.Commit();
                Health.Succeeded();
            }
            finally
            {
                if (!flush) Execute(_writer!, "PRAGMA synchronous=FULL;");
            }
        }
        catch (SqliteException ex) when (WriterTransaction.FaultOf(ex) is { } fault)
        {
            throw Health.Failed(WriterTransaction.Unavailable(fault, Path, ex));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Inserts one row unless its key is stored already; true when it was inserted.</summary>
    private unsafe bool Insert(long key, IncidentBatch incidents, int i, long recordedAt)
    {
        var statement = _insertHandle;
        var slug = CategorySlugs[(int)incidents.Category(i)];
        var occurredAt = incidents.OccurredAt(i);
        ReadOnlySpan<byte> source = incidents.Source(i), sourceId = incidents.SourceId(i), location = incidents.Location(i);
        // The text stays pinned until the statement has been stepped and reset, which SQLITE_STATIC requires.
        fixed (byte* sourcePointer = source, sourceIdPointer = sourceId, locationPointer = location, category = slug)
        {
            SqliteNative.BindInt64(statement, 1, key);
            SqliteNative.BindText(statement, 2, sourcePointer, source.Length, SqliteNative.Static);
            SqliteNative.BindText(statement, 3, sourceIdPointer, sourceId.Length, SqliteNative.Static);
            SqliteNative.BindText(statement, 4, category, slug.Length, SqliteNative.Static);
            SqliteNative.BindInt64(statement, 5, occurredAt.Start.ToUnixTimeMilliseconds());
            SqliteNative.BindInt32(statement, 6, (int)occurredAt.Precision);
            SqliteNative.BindDouble(statement, 7, incidents.Latitude(i));
            SqliteNative.BindDouble(statement, 8, incidents.Longitude(i));
            if (!incidents.HasLocation(i)) SqliteNative.BindNull(statement, 9);
            // An empty text must still have a pointer: SQLite stores a null pointer as NULL.
            else SqliteNative.BindText(statement, 9, location.Length == 0 ? category : locationPointer, location.Length, SqliteNative.Static);
            SqliteNative.BindInt64(statement, 10, recordedAt);
            // Bindings outlive a reset, and a batch nearly always has one origin: bind it only when it changes.
            var origin = (int)incidents.Origin(i);
            if (origin != _boundOrigin) SqliteNative.BindInt32(statement, 11, _boundOrigin = origin);
            var rc = SqliteNative.Step(statement);
            SqliteNative.Reset(statement);
            if (rc != raw.SQLITE_DONE) throw new SqliteException($"appending an incident failed: {raw.sqlite3_errmsg(_writer!.Handle!).utf8_to_string()}", rc);
        }
        return SqliteNative.Changes(_db) == 1;
    }

    /// <summary>
    /// Each incident's key, and the batch's positions sorted by key (input order among equal keys, so the first of two
    /// copies is the one appended). Done before the write lock is taken, so a caller with a second batch in flight
    /// overlaps this work with the first batch's writing.
    /// </summary>
    private (long[] Keys, int[] Order) KeyOrder(IncidentBatch incidents)
    {
        var keys = new long[incidents.Count];
        var order = new int[incidents.Count];
        for (var i = 0; i < incidents.Count; i++)
        {
            keys[i] = Key(_secret0, _secret1, incidents.Source(i), incidents.SourceId(i));
            order[i] = i;
        }
        Array.Sort(keys, order);
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(order, start, end - start);
            start = end;
        }
        return (keys, order);
    }

    /// <summary>The key for (source, sourceId) in this store: SipHash-2-4 of the length-prefixed pair under its secret.</summary>
    public long Key(string source, string sourceId) => Key(_secret0, _secret1, source, sourceId);

    private static long Key(ulong secret0, ulong secret1, string source, string sourceId) =>
        Key(secret0, secret1, Encoding.UTF8.GetBytes(source), Encoding.UTF8.GetBytes(sourceId));

    private static long Key(ulong secret0, ulong secret1, ReadOnlySpan<byte> source, ReadOnlySpan<byte> sourceId) =>
        IncidentKey.Of(secret0, secret1, source, sourceId);

    private static (ulong, ulong) ReadSecret(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM meta WHERE name = 'key-secret'";
        if (command.ExecuteScalar() is not byte[] { Length: 16 } secret) throw new InvalidDataException("has no valid key secret");
        return (BinaryPrimitives.ReadUInt64LittleEndian(secret), BinaryPrimitives.ReadUInt64LittleEndian(secret.AsSpan(8)));
    }

    private AppendOutcome CheckDuplicate(long key, Incident incident)
    {
        _findByKey!.Parameters[0].Value = key;
        using var reader = _findByKey.ExecuteReader();
        if (reader.Read() && reader.GetString(0) == incident.Source && reader.GetString(1) == incident.SourceId) return AppendOutcome.Duplicate;
        throw new InvalidOperationException(
            $"incident {incident.Source}/{incident.SourceId} has the same 64-bit key as a different incident stored in {Path}; it was not stored");
    }

    public async Task<IReadOnlyList<LoggedIncident>> ReadAfterAsync(long afterSequence, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT seq, category, occurred_at, precision, latitude, longitude, origin, location_text FROM incidents WHERE seq > $after ORDER BY seq LIMIT $max";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$max", max);
        var result = new List<LoggedIncident>(Math.Min(max, 4096));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (reader.Read())
        {
            if (!Categories.TryParse(reader.GetString(1), out var category))
                throw new InvalidDataException($"incident {reader.GetInt64(0)} in {Path} has unknown category '{reader.GetString(1)}'");
            var start = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
            result.Add(new LoggedIncident(reader.GetInt64(0), category, new OccurredAt(start, (TimePrecision)reader.GetInt32(3)),
                reader.GetDouble(4), reader.GetDouble(5), (IncidentOrigin)reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return result;
    }

    public async IAsyncEnumerable<Incident> ReadIncidentsAsync(
        DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT source, source_id, category, occurred_at, precision, latitude, longitude, location_text, origin FROM incidents " +
            "WHERE occurred_at >= $from AND occurred_at < $to ORDER BY occurred_at, seq";
        command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!Categories.TryParse(reader.GetString(2), out var category)) continue;
            yield return new Incident(reader.GetString(0), reader.GetString(1), category,
                new OccurredAt(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), (TimePrecision)reader.GetInt32(4)),
                reader.GetDouble(5), reader.GetDouble(6), reader.IsDBNull(7) ? null : reader.GetString(7), (IncidentOrigin)reader.GetInt32(8));
        }
    }

    public async Task<IReadOnlyList<MonthlyPointCount>> CountRecordedByMonthAsync(int firstMonth, int lastMonth, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT CAST(strftime('%Y', occurred_at / 1000, 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', occurred_at / 1000, 'unixepoch') AS INTEGER) - 1 AS month,
                   category, latitude, longitude, count(*)
            FROM incidents WHERE origin = 0 AND occurred_at >= $from AND occurred_at < $to
            GROUP BY month, category, latitude, longitude
            """;
        command.Parameters.AddWithValue("$from", IncidentStoreExtensions.MonthStart(firstMonth).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", IncidentStoreExtensions.MonthStart(lastMonth + 1).ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<MonthlyPointCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!Categories.TryParse(reader.GetString(1), out var category)) continue;
            counts.Add(new MonthlyPointCount(reader.GetInt32(0), category, reader.GetDouble(2), reader.GetDouble(3), reader.GetInt32(4)));
        }
        return counts;
    }

    public async Task<AppendOutcome[]> PreviewAsync(IncidentBatch incidents, CancellationToken cancellationToken = default)
    {
        var outcomes = new AppendOutcome[incidents.Count];
        var (keys, order) = KeyOrder(incidents);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM incidents WHERE key = $key";
        var parameter = command.Parameters.Add("$key", SqliteType.Integer);
        for (var k = 0; k < order.Length; k++)
        {
            var repeat = k > 0 && keys[k] == keys[k - 1];
            parameter.Value = keys[k];
            outcomes[order[k]] = repeat || await command.ExecuteScalarAsync(cancellationToken) is not null ? AppendOutcome.Duplicate : AppendOutcome.Appended;
        }
        return outcomes;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM incidents";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM incidents";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<DateTimeOffset?> LatestOccurredAtAsync(string? source, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = source is null ? "SELECT max(occurred_at) FROM incidents" : "SELECT max(occurred_at) FROM incidents WHERE source = $source";
        if (source is not null) command.Parameters.AddWithValue("$source", source);
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
            _findByKey = null;
            _writer = null;
            if (_checkpointer is not null) await _checkpointer.DisposeAsync();
            // The host disposes the store under each type it is registered as (the concrete one and IIncidentStore).
            _checkpointer = null;
            SqliteConnection.ClearAllPools();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task InitialiseAsync(StorePurpose? purpose, CancellationToken cancellationToken)
    {
        _writer = new SqliteConnection(_connectionString);
        await _writer.OpenAsync(cancellationToken);
        // SQLite opens a file it may not write read-only without a word; every write would then fail. Refuse at start instead.
        if (raw.sqlite3_db_readonly(_writer.Handle, "main") == 1)
            throw new StoreUnavailableException(StoreFault.ReadOnly, Path, $"storage read-only: {Path} can be read but not written (check its mode, owner and file system); the service needs to write its store");
        // Larger pages suit an append-heavy log: fewer splits and log frames per row. It only takes effect on a new file.
        Execute(_writer, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
        CheckPages(_writer);
        Migrate(_writer);
        Purpose = SettlePurpose(_writer, purpose);
        (_secret0, _secret1) = ReadSecret(_writer, null);
        CheckValues(_writer);
        _checkpointer = new WalCheckpointer(_connectionString);
        _checkpointer.Attach(_writer.Handle!.DangerousGetHandle());
        var rc = raw.sqlite3_prepare_v2(_writer.Handle!, InsertSql, out _insert);
        if (rc != raw.SQLITE_OK) throw new SqliteException($"preparing the insert failed: {raw.sqlite3_errmsg(_writer.Handle!).utf8_to_string()}", rc);
        _insertHandle = _insert.DangerousGetHandle();
        _db = _writer.Handle!.DangerousGetHandle();
        _findByKey = _writer.CreateCommand();
        _findByKey.CommandText = "SELECT source, source_id FROM incidents WHERE key = $key";
        _findByKey.Parameters.Add(new SqliteParameter { ParameterName = "$key" });
    }

    /// <summary>Records the purpose of a new file; refuses a file made for another purpose than the one asked for.</summary>
    private StorePurpose SettlePurpose(SqliteConnection connection, StorePurpose? wanted)
    {
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT CAST(value AS TEXT) FROM meta WHERE name = 'purpose'";
        if (read.ExecuteScalar() is string text)
        {
            var stored = text == "replay" ? StorePurpose.Replay : StorePurpose.Live;
            if (wanted is { } w && w != stored)
                throw new InvalidOperationException(
                    $"{Path} is a {text} store, not a {w.ToString().ToLowerInvariant()} one; replays and real incidents are kept in separate stores");
            return stored;
        }
        var purpose = wanted ?? StorePurpose.Live;
        using var write = connection.CreateCommand();
        write.CommandText = "INSERT INTO meta (name, value) VALUES ('purpose', $purpose)";
        write.Parameters.AddWithValue("$purpose", purpose == StorePurpose.Replay ? "replay" : "live");
        write.ExecuteNonQuery();
        return purpose;
    }

    /// <summary>
    /// SQLite's quick check of every page and index, so a damaged file is refused at open (before a migration writes
    /// to it) rather than answering health ok and failing its first write. Its cost grows with the file: seconds for
    /// millions of incidents, once per start.
    /// </summary>
    private static void CheckPages(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(3)";
        var problems = Texts(command);
        if (problems is not ["ok"]) throw new InvalidDataException($"failed SQLite's quick check ({string.Join("; ", problems)})");
    }

    /// <summary>
    /// What the quick check cannot see, since a flipped bit can leave a page well-formed: every incident's values
    /// within their ranges, and the first and last incidents' keys recomputed under the key secret (a changed secret
    /// would let every id already stored in again as new).
    /// </summary>
    private void CheckValues(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT 'incident ' || seq || ' has latitude ' || latitude || ', longitude ' || longitude || ', category ''' || category || " +
            "''', precision ' || precision || ', origin ' || origin FROM incidents " +
            "WHERE NOT (latitude BETWEEN -90 AND 90) OR NOT (longitude BETWEEN -180 AND 180) " +
            $"OR category NOT IN ({string.Join(", ", Enum.GetValues<Category>().Select(c => $"'{c.Slug()}'"))}) " +
            $"OR precision NOT IN ({string.Join(", ", Enum.GetValues<TimePrecision>().Select(p => (int)p))}) " +
            $"OR origin NOT IN ({string.Join(", ", Enum.GetValues<IncidentOrigin>().Select(o => (int)o))}) LIMIT 3";
        var outOfRange = Texts(command);
        if (outOfRange.Count > 0) throw new InvalidDataException($"holds values out of range ({string.Join("; ", outOfRange)})");

        command.CommandText = "SELECT seq, key, source, source_id FROM incidents WHERE seq IN ((SELECT min(seq) FROM incidents), (SELECT max(seq) FROM incidents))";
        using var keys = command.ExecuteReader();
        while (keys.Read())
        {
            if (Key(keys.GetString(2), keys.GetString(3)) != keys.GetInt64(1))
                throw new InvalidDataException($"has a key secret that does not match incident {keys.GetInt64(0)}'s stored key (the secret or the row was changed)");
        }
    }

    private static List<string> Texts(SqliteCommand command)
    {
        var texts = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) texts.Add(reader.GetString(0));
        return texts;
    }

    private void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var version = connection.CreateCommand();
        version.Transaction = transaction;
        version.CommandText = "PRAGMA user_version";
        var current = Convert.ToInt32(version.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (current > Migrations.Length)
            throw new InvalidOperationException($"{Path} has schema version {current}, newer than this build knows ({Migrations.Length})");
        for (var v = current; v < Migrations.Length; v++)
        {
            Migrations[v](connection, transaction);
            Execute(connection, transaction, $"PRAGMA user_version = {v + 1};");
        }
        transaction.Commit();
    }

    /// <summary>A pooled read connection, also for the stores that share the file (their writes go through <see cref="WriteAsync(Action{SqliteCommand}, CancellationToken)"/>).</summary>
    internal async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        Execute(connection, "PRAGMA busy_timeout=30000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql) => Execute(connection, null, sql);

    internal static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
