using System.Buffers.Binary;
using System.Data;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using HotSpots.Domain.Incidents;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HotSpots.Store.Postgres;

/// <summary>
/// The incident log in PostgreSQL, for several nodes. An append numbers its incidents after the log's end and COPYs
/// them (binary) straight into the table, in one transaction: idempotent on (source, source_id) through the unique
/// key (a refused COPY is written again with the stored keys looked up and left out), durable when it commits. COPY into the table itself, rather than into a
/// temporary table and then INSERT ... SELECT, halved the server's work per row.
/// As in the SQLite store, the unique index is over a 64-bit <see cref="IncidentKey"/> under the database's own secret
/// (an index of 64-character police.uk ids made the import several times slower), and a key already taken by another
/// (source, source_id) is refused loudly.
/// <para>
/// Log order: appends take a transaction-scoped advisory lock and number their rows after the highest stored
/// sequence, so sequences are gapless and no transaction can commit a lower sequence after a higher one is visible.
/// A reader of "everything after X" therefore never skips a row that commits late, which a plain sequence default
/// would allow. The same lock means no other append can store a key between the probe and the COPY. Appends are
/// serialized cluster-wide, so each node gathers the appends that arrive while it writes into one transaction.
/// </para>
/// </summary>
public sealed class PostgresIncidentStore : IIncidentStore, IWriteProbe
{
    /// <summary>Advisory lock key that serializes appends ("hots" + 2).</summary>
    private const long AppendLock = 0x686f7473_00000002;

    private static readonly string[] Schema =
    [
        """
        CREATE TABLE hotspots_meta (name text PRIMARY KEY, value text NOT NULL);
        CREATE TABLE hotspots_incidents (
            seq bigint PRIMARY KEY,
            key bigint NOT NULL,
            source text NOT NULL,
            source_id text NOT NULL,
            category text NOT NULL,
            occurred_at timestamptz NOT NULL,
            precision smallint NOT NULL,
            latitude double precision NOT NULL,
            longitude double precision NOT NULL,
            location_text text NULL,
            recorded_at timestamptz NOT NULL,
            origin smallint NOT NULL,
            CONSTRAINT ux_hotspots_incidents_key UNIQUE (key)
        );
        """,
        // The log's committed end, moved by each append in its transaction. A reader bounds its scan by it: an index
        // scan past it would visit every row of an append still being COPYed, each invisible, and at an import's pace
        // that made an empty read take 20-45 ms. Every node of a cluster must run a build that knows this table.
        """
        CREATE TABLE hotspots_log_head (single boolean PRIMARY KEY DEFAULT true CHECK (single), last_seq bigint NOT NULL);
        INSERT INTO hotspots_log_head (last_seq) SELECT coalesce(max(seq), 0) FROM hotspots_incidents;
        """,
    ];

    /// <summary>The unique index over <see cref="IncidentKey"/>, named in the schema below.</summary>
    private const string KeyIndex = "ux_hotspots_incidents_key";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly StorePurpose? _wantedPurpose;
    private readonly Channel<PendingAppend> _appends = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private ulong _secret0, _secret1;

    /// <summary>The location descriptions handed to the log's reader, one string each; only the writer loop touches it.</summary>
    private readonly TextPool _locationTexts = new();

    /// <summary>Whether the next group looks its keys up before the COPY; only the writer loop touches it.</summary>
    private bool _probing;

    /// <summary>
    /// The writer loop's own connection, kept open between groups. From the shared pool, each group landed on whichever
    /// of its connections was free (grain activations open dozens), a different server process almost every time: an
    /// import ran 20–25% slower than with a pool of five. Its group commits also no longer reset a pooled connection
    /// each (three nodes' runs: 3,300 transactions against 5,700).
    /// </summary>
    private NpgsqlConnection? _writerConnection;

    /// <summary>Columns of a row, and the bytes of those that are not text (two bigints, two timestamptz, two doubles, two smallints).</summary>
    private const short RowFields = 12;
    private const int FixedRowBytes = 8 + 8 + 8 + 8 + 8 + 8 + 2 + 2;

    /// <summary>Each category's column text, as UTF-8.</summary>
    private static readonly byte[][] CategoryText = [.. Enum.GetValues<Category>().Select(c => Encoding.UTF8.GetBytes(c.Slug()))];

    /// <summary>Incidents one group commit takes at most (an import's batches are large enough alone).</summary>
    private const int MaxGroupItems = 50_000;

    /// <summary>Touches nothing in the database: <see cref="OpenAsync(CancellationToken)"/> migrates and reads the store's settings, once, before first use.</summary>
    public PostgresIncidentStore(NpgsqlDataSource dataSource, IOptions<PostgresStoreOptions> options, TimeProvider time)
    {
        _dataSource = dataSource;
        _time = time;
        _wantedPurpose = options.Value.Purpose;
        _writer = Task.Run(WriteLoopAsync);
    }

    public StorePurpose Purpose { get; private set; }

    /// <summary>Unavailable while PostgreSQL cannot be reached; the next write that commits makes it available again.</summary>
    public StoreHealth Health { get; } = new();

    public async Task ProbeWriteAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await PostgresSchema.Execute(connection, "SELECT 1", cancellationToken);
            Health.Succeeded();
        }
        catch (NpgsqlException ex) when (ex.IsTransient)
        {
            throw Health.Failed(Unreachable(ex));
        }
    }

    private StoreUnavailableException Unreachable(NpgsqlException ex)
    {
        var where = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
        return new StoreUnavailableException(StoreFault.Unreachable, $"{where.Host}:{where.Port}/{where.Database}",
            $"PostgreSQL at {where.Host}:{where.Port} (database {where.Database}) cannot be reached: {ex.Message}", ex);
    }

    public static async Task<PostgresIncidentStore> OpenAsync(NpgsqlDataSource dataSource, StorePurpose? purpose, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var store = new PostgresIncidentStore(dataSource, Options.Create(new PostgresStoreOptions { Purpose = purpose }), time);
        await store.OpenAsync(cancellationToken);
        return store;
    }

    /// <summary>Migrates the schema when needed and checks (or, on a new database, records) the store's purpose.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        await PostgresSchema.MigrateAsync(_dataSource, "incidents", Schema, cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var stored = await MetaAsync(connection, "purpose", (_wantedPurpose ?? StorePurpose.Live).ToString().ToLowerInvariant(), cancellationToken);
        Purpose = Enum.Parse<StorePurpose>(stored, ignoreCase: true);
        if (_wantedPurpose is { } wanted && wanted != Purpose)
            throw new InvalidOperationException($"the PostgreSQL store '{connection.Database}' is a {stored} store, not a {wanted.ToString().ToLowerInvariant()} one");
        var secret = Convert.FromHexString(await MetaAsync(connection, "key-secret", Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), cancellationToken));
        _secret0 = BinaryPrimitives.ReadUInt64LittleEndian(secret);
        _secret1 = BinaryPrimitives.ReadUInt64LittleEndian(secret.AsSpan(8));
    }

    /// <summary>A setting of the store, fixed by whichever node sets it first.</summary>
    private static async Task<string> MetaAsync(NpgsqlConnection connection, string name, string initial, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO hotspots_meta (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING; SELECT value FROM hotspots_meta WHERE name = @name",
            connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("value", initial);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<AppendResult> AppendAsync(IncidentBatch incidents, CancellationToken cancellationToken = default)
    {
        if (incidents.Count == 0) return new AppendResult([], []);
        var append = new PendingAppend(incidents, FirstByKey(incidents));
        await _appends.Writer.WriteAsync(append, cancellationToken);
        return await append.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Group commit: appends that arrive while one is being written go into the next transaction together, so the
    /// cluster-wide lock and the commit's flush are paid once for all of them rather than once each (at 1,000 posted
    /// incidents a second in posts of ten, one node otherwise spent its whole time waiting for the lock).
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var group = new List<PendingAppend>();
        while (await _appends.Reader.WaitToReadAsync())
        {
            group.Clear();
            var items = 0;
            while (items < MaxGroupItems && _appends.Reader.TryRead(out var next))
            {
                group.Add(next);
                items += next.Incidents.Count;
            }
            try
            {
                var results = await CommitAsync(group);
                for (var g = 0; g < group.Count; g++) group[g].Done.TrySetResult(results[g]);
            }
            catch (StoreUnavailableException unreachable)
            {
                foreach (var append in group) append.Done.TrySetException(unreachable);
            }
            catch (Exception) when (group.Count > 1)
            {
                // One append's fault (a key collision, say) must not fail the others: each is tried on its own.
                foreach (var append in group) await WriteAloneAsync(append);
            }
            catch (Exception ex)
            {
                group[0].Done.TrySetException(ex);
            }
        }
    }

    private async Task WriteAloneAsync(PendingAppend append)
    {
        try
        {
            append.Done.TrySetResult((await CommitAsync([append]))[0]);
        }
        catch (Exception ex)
        {
            append.Done.TrySetException(ex);
        }
    }

    /// <summary>A group written, or a <see cref="StoreUnavailableException"/> when PostgreSQL cannot be reached: nothing of it was stored then.</summary>
    private async Task<AppendResult[]> CommitAsync(List<PendingAppend> group)
    {
        try
        {
            AppendResult[] results;
            try
            {
                results = await WriteAsync(group, _probing);
            }
            catch (PostgresException taken) when (!_probing && taken.SqlState == PostgresErrorCodes.UniqueViolation && taken.ConstraintName == KeyIndex)
            {
                _probing = true;
                results = await WriteAsync(group, probe: true);
            }
            Health.Succeeded();
            return results;
        }
        catch (NpgsqlException ex) when (ex.IsTransient)
        {
            throw Health.Failed(Unreachable(ex));
        }
        finally
        {
            // A connection that broke (the server restarted, the network dropped) is replaced at the next group.
            if (_writerConnection is { FullState: not ConnectionState.Open })
            {
                await _writerConnection.DisposeAsync();
                _writerConnection = null;
            }
        }
    }

    /// <summary>
    /// Writes a group in one transaction. Without <paramref name="probe"/> the COPY goes ahead on the assumption that
    /// every key is new, and the unique index refuses the whole transaction if one is not: the index checks each key
    /// as it inserts it anyway, so a probe beforehand looks every key up twice. A new import, the bulk of all rows,
    /// repeats nothing; once a key is refused, groups are probed until one finds nothing stored, so a re-sent file
    /// costs one refused COPY rather than one per batch.
    /// </summary>
    private async Task<AppendResult[]> WriteAsync(List<PendingAppend> group, bool probe)
    {
        // The first claim on each key across the group; a later item with that key is a duplicate of it.
        var claims = new Dictionary<long, (IncidentBatch Batch, int Item)>();
        foreach (var append in group)
        {
            foreach (var (key, i) in append.First) claims.TryAdd(key, (append.Incidents, i));
        }
        var recordedAt = _time.GetUtcNow();
        var connection = _writerConnection ??= await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await PostgresSchema.Execute(connection, "SELECT pg_advisory_xact_lock(@key)", CancellationToken.None, ("key", AppendLock));
        var stored = probe ? await StoredAsync(connection, claims, CancellationToken.None) : [];
        if (probe) _probing = stored.Count > 0;

        long end;
        await using (var head = new NpgsqlCommand("SELECT last_seq FROM hotspots_log_head", connection))
            end = (long)(await head.ExecuteScalarAsync())!;
        var start = end;

        // Everything is a duplicate (stored before, or claimed earlier in the group) unless it is written below.
        var outcomes = new AppendOutcome[group.Count][];
        var newKeys = new List<long>();
        var newItems = new List<(int Append, int Item)>();
        var segments = new (int Start, int Count)[group.Count];
        for (var g = 0; g < group.Count; g++)
        {
            segments[g].Start = newKeys.Count;
            var (incidents, keys) = (group[g].Incidents, group[g].Keys);
            outcomes[g] = new AppendOutcome[incidents.Count];
            Array.Fill(outcomes[g], AppendOutcome.Duplicate);
            for (var i = 0; i < incidents.Count; i++)
            {
                var claim = claims[keys[i]];
                if (claim.Batch != incidents || claim.Item != i)
                {
                    if (!SameIncident(claim.Batch, claim.Item, incidents, i))
                        throw new InvalidOperationException($"incident {Name(incidents, i)} has the key of {Name(claim.Batch, claim.Item)}; nothing was stored");
                    continue;
                }
                if (stored.Contains(keys[i])) continue;
                outcomes[g][i] = AppendOutcome.Appended;
                newKeys.Add(keys[i]);
                newItems.Add((g, i));
            }
            segments[g].Count = newKeys.Count - segments[g].Start;
        }
        // Each append's rows go in key order, numbered in that order: the key index then takes each of its pages' new
        // entries one after another, and the sequence index still only grows at its end. It cut the server's COPY by a
        // third. A transaction's rows become visible together, so their order among themselves means nothing to a
        // reader; but each append keeps one unbroken run of sequences, which is what lets the node's log reader count
        // an append it is handed without reading it back.
        var order = newKeys.ToArray();
        var items = newItems.ToArray();
        foreach (var (first, count) in segments) Array.Sort(order, items, first, count);
        var appended = group.Select(_ => new List<LoggedIncident>()).ToArray();
        await using (var copy = await connection.BeginRawBinaryCopyAsync(
            "COPY hotspots_incidents (seq, key, source, source_id, category, occurred_at, precision, latitude, longitude, location_text, recorded_at, origin) FROM STDIN (FORMAT BINARY)"))
        {
            using var rows = new BinaryCopyWriter(copy);
            try
            {
                rows.Header();
                for (var k = 0; k < order.Length; k++)
                {
                    var (g, i) = items[k];
                    appended[g].Add(Logged(++end, group[g].Incidents, i));
                    await rows.ReserveAsync(RowBytes(group[g].Incidents, i));
                    WriteRow(rows, end, order[k], group[g].Incidents, i, recordedAt);
                }
                await rows.CompleteAsync();
            }
            catch
            {
                // Sending broke off: the server is told to drop the rows (not to take a partial stream as the end).
                await CancelAsync(copy);
                throw;
            }
        }
        if (end > start) await PostgresSchema.Execute(connection, "UPDATE hotspots_log_head SET last_seq = @end", CancellationToken.None, ("end", end));
        await transaction.CommitAsync();
        return [.. outcomes.Select((o, g) => new AppendResult(o, appended[g]))];
    }

    private static bool SameIncident(IncidentBatch a, int i, IncidentBatch b, int j) =>
        a.Source(i).SequenceEqual(b.Source(j)) && a.SourceId(i).SequenceEqual(b.SourceId(j));

    private static string Name(IncidentBatch incidents, int i) => $"{Encoding.UTF8.GetString(incidents.Source(i))}/{Encoding.UTF8.GetString(incidents.SourceId(i))}";

    public async Task<IReadOnlyList<LoggedIncident>> ReadAfterAsync(long afterSequence, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        long head;
        await using (var end = new NpgsqlCommand("SELECT last_seq FROM hotspots_log_head", connection))
            head = (long)(await end.ExecuteScalarAsync(cancellationToken))!;
        if (head <= afterSequence) return [];
        // Sequences are gapless, so the next rows are exactly (after, after + max]: both bounds known when planned,
        // which keeps the plan to the rows wanted (with the head as a subquery it sorted the whole tail of the log).
        await using var command = new NpgsqlCommand(
            "SELECT seq, category, occurred_at, precision, latitude, longitude, origin, location_text FROM hotspots_incidents " +
            "WHERE seq > @after AND seq <= @upTo ORDER BY seq", connection);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("upTo", Math.Min(head, afterSequence + max));
        var result = new List<LoggedIncident>(Math.Min(max, 4096));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!Categories.TryParse(reader.GetString(1), out var category))
                throw new InvalidDataException($"incident {reader.GetInt64(0)} has unknown category '{reader.GetString(1)}'");
            result.Add(new LoggedIncident(reader.GetInt64(0), category, new OccurredAt(reader.GetFieldValue<DateTimeOffset>(2), (TimePrecision)reader.GetInt16(3)),
                reader.GetDouble(4), reader.GetDouble(5), (IncidentOrigin)reader.GetInt16(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return result;
    }

    public async IAsyncEnumerable<Incident> ReadIncidentsAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT source, source_id, category, occurred_at, precision, latitude, longitude, location_text, origin FROM hotspots_incidents " +
            "WHERE occurred_at >= @from AND occurred_at < @to ORDER BY occurred_at, seq");
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        command.Parameters.AddWithValue("to", to.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!Categories.TryParse(reader.GetString(2), out var category)) continue;
            yield return new Incident(reader.GetString(0), reader.GetString(1), category,
                new OccurredAt(reader.GetFieldValue<DateTimeOffset>(3), (TimePrecision)reader.GetInt16(4)),
                reader.GetDouble(5), reader.GetDouble(6), reader.IsDBNull(7) ? null : reader.GetString(7), (IncidentOrigin)reader.GetInt16(8));
        }
    }

    public async Task<IReadOnlyList<MonthlyPointCount>> CountRecordedByMonthAsync(int firstMonth, int lastMonth, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT (EXTRACT(YEAR FROM occurred_at AT TIME ZONE 'UTC') * 12 + EXTRACT(MONTH FROM occurred_at AT TIME ZONE 'UTC') - 1)::integer AS month,
                   category, latitude, longitude, count(*)::integer
            FROM hotspots_incidents WHERE origin = 0 AND occurred_at >= @from AND occurred_at < @to
            GROUP BY month, category, latitude, longitude
            """);
        command.Parameters.AddWithValue("from", IncidentStoreExtensions.MonthStart(firstMonth));
        command.Parameters.AddWithValue("to", IncidentStoreExtensions.MonthStart(lastMonth + 1));
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
        Array.Fill(outcomes, AppendOutcome.Duplicate);
        if (incidents.Count == 0) return outcomes;
        var (_, first) = FirstByKey(incidents);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var stored = await StoredAsync(connection, first.ToDictionary(f => f.Key, f => (incidents, f.Value)), cancellationToken);
        foreach (var (key, i) in first)
        {
            if (!stored.Contains(key)) outcomes[i] = AppendOutcome.Appended;
        }
        return outcomes;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM hotspots_incidents");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT last_seq FROM hotspots_log_head");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<DateTimeOffset?> LatestOccurredAtAsync(string? source, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(source is null
            ? "SELECT max(occurred_at) FROM hotspots_incidents"
            : "SELECT max(occurred_at) FROM hotspots_incidents WHERE source = @source");
        if (source is not null) command.Parameters.AddWithValue("source", source);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        await _writer;
        if (_writerConnection is not null) await _writerConnection.DisposeAsync();
    }

    /// <summary>An append waiting for the writer, with each item's key and the first item of each key.</summary>
    private sealed class PendingAppend(IncidentBatch incidents, (long[] Keys, Dictionary<long, int> First) keyed)
    {
        public IncidentBatch Incidents { get; } = incidents;

        public long[] Keys { get; } = keyed.Keys;

        public Dictionary<long, int> First { get; } = keyed.First;

        public TaskCompletionSource<AppendResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Each item's key, and the first item of each key (later ones are duplicates within the batch).</summary>
    private (long[] Keys, Dictionary<long, int> First) FirstByKey(IncidentBatch incidents)
    {
        var keys = new long[incidents.Count];
        var first = new Dictionary<long, int>(incidents.Count);
        for (var i = 0; i < incidents.Count; i++)
        {
            keys[i] = IncidentKey.Of(_secret0, _secret1, incidents.Source(i), incidents.SourceId(i));
            if (!first.TryAdd(keys[i], i) && !(incidents.Source(i).SequenceEqual(incidents.Source(first[keys[i]])) && incidents.SourceId(i).SequenceEqual(incidents.SourceId(first[keys[i]]))))
                throw new InvalidOperationException($"two incidents in one batch share a key: items {first[keys[i]]} and {i}; nothing was stored");
        }
        return (keys, first);
    }

    /// <summary>
    /// The batch's keys that are stored already. A stored key whose source or id differs from the item's is a collision
    /// of two different incidents: the whole batch is refused rather than one of them silently dropped.
    /// </summary>
    private static async Task<HashSet<long>> StoredAsync(NpgsqlConnection connection, IReadOnlyDictionary<long, (IncidentBatch Batch, int Item)> claims, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT key, source, source_id FROM hotspots_incidents WHERE key = ANY(@keys)", connection);
        command.Parameters.AddWithValue("keys", claims.Keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stored = new HashSet<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetInt64(0);
            var (incidents, i) = claims[key];
            var (source, sourceId) = (reader.GetString(1), reader.GetString(2));
            if (!Encoding.UTF8.GetBytes(source).AsSpan().SequenceEqual(incidents.Source(i)) || !Encoding.UTF8.GetBytes(sourceId).AsSpan().SequenceEqual(incidents.SourceId(i)))
                throw new InvalidOperationException(
                    $"incident {Encoding.UTF8.GetString(incidents.Source(i))}/{Encoding.UTF8.GetString(incidents.SourceId(i))} has the key of stored {source}/{sourceId}; the batch was not stored");
            stored.Add(key);
        }
        return stored;
    }

    /// <summary>The bytes <see cref="WriteRow"/> writes for an incident.</summary>
    private static int RowBytes(IncidentBatch incidents, int i) => BinaryCopyWriter.RowSize(RowFields,
        FixedRowBytes + incidents.Source(i).Length + incidents.SourceId(i).Length + CategoryText[(int)incidents.Category(i)].Length + incidents.Location(i).Length);

    /// <summary>One row; texts go as the batch's UTF-8 bytes, which the server takes as they are, with no string made per row.</summary>
    private static void WriteRow(BinaryCopyWriter rows, long sequence, long key, IncidentBatch incidents, int i, DateTimeOffset recordedAt)
    {
        rows.StartRow(RowFields);
        rows.Int64(sequence);
        rows.Int64(key);
        rows.Text(incidents.Source(i));
        rows.Text(incidents.SourceId(i));
        rows.Text(CategoryText[(int)incidents.Category(i)]);
        rows.TimestampTz(incidents.OccurredAt(i).Start);
        rows.Int16((short)incidents.OccurredAt(i).Precision);
        rows.Float64(incidents.Latitude(i));
        rows.Float64(incidents.Longitude(i));
        if (incidents.HasLocation(i)) rows.Text(incidents.Location(i));
        else rows.Null();
        rows.TimestampTz(recordedAt);
        rows.Int16((short)incidents.Origin(i));
    }

    private static async Task CancelAsync(NpgsqlRawCopyStream copy)
    {
        try
        {
            await copy.CancelAsync();
        }
        catch (NpgsqlException)
        {
            // The connection is broken as well; the exception that stopped the COPY is the one reported.
        }
    }

    private LoggedIncident Logged(long sequence, IncidentBatch incidents, int i) =>
        new(sequence, incidents.Category(i), incidents.OccurredAt(i), incidents.Latitude(i), incidents.Longitude(i), incidents.Origin(i),
            incidents.HasLocation(i) ? _locationTexts.Get(incidents.Location(i)) : null);
}
