using System.Buffers;
using System.Buffers.Binary;

namespace HotSpots.Store.Postgres;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (a signature, then per row a field count and each field as its length and
/// network-order bytes, then -1), written through Npgsql's raw COPY stream. Npgsql's binary importer binds a parameter
/// for every value it writes, about 1 µs for a row of twelve; an import shares two cores with the server, and that
/// microsecond per row was a tenth of its processor time. Values go into one pooled buffer sent when it fills.
/// </summary>
internal sealed class BinaryCopyWriter(Stream copy) : IDisposable
{
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xff, (byte)'\r', (byte)'\n', 0];

    /// <summary>timestamptz is sent as microseconds since 2000-01-01 UTC.</summary>
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _at;

    /// <summary>Starts the stream: signature, no flags, no header extension.</summary>
    public void Header()
    {
        Signature.CopyTo(_buffer);
        _at = Signature.Length;
        BinaryPrimitives.WriteInt64BigEndian(Take(8), 0);
    }

    /// <summary>Makes room for a row of <paramref name="bytes"/> (as <see cref="RowSize"/> counts them), sending what is buffered if it would not fit.</summary>
    public async ValueTask ReserveAsync(int bytes, CancellationToken cancellationToken = default)
    {
        if (_at + bytes <= _buffer.Length) return;
        await FlushAsync(cancellationToken);
        if (bytes <= _buffer.Length) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = ArrayPool<byte>.Shared.Rent(bytes);
    }

    /// <summary>The bytes a row takes: its field count, each field's length word, and the fields themselves.</summary>
    public static int RowSize(int fields, int valueBytes) => 2 + fields * 4 + valueBytes;

    public void StartRow(short fields) => BinaryPrimitives.WriteInt16BigEndian(Take(2), fields);

    public void Int64(long value)
    {
        Length(8);
        BinaryPrimitives.WriteInt64BigEndian(Take(8), value);
    }

    public void Int16(short value)
    {
        Length(2);
        BinaryPrimitives.WriteInt16BigEndian(Take(2), value);
    }

    public void Float64(double value)
    {
        Length(8);
        BinaryPrimitives.WriteDoubleBigEndian(Take(8), value);
    }

    /// <summary>timestamptz at microsecond precision, as PostgreSQL stores it (the ticks below a microsecond are dropped).</summary>
    public void TimestampTz(DateTimeOffset value) => Int64((value.UtcTicks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);

    /// <summary>text as UTF-8 bytes, which the server checks and stores as they are.</summary>
    public void Text(ReadOnlySpan<byte> utf8)
    {
        Length(utf8.Length);
        utf8.CopyTo(Take(utf8.Length));
    }

    public void Null() => BinaryPrimitives.WriteInt32BigEndian(Take(4), -1);

    /// <summary>Ends the stream (the -1 trailer) and sends what is left; the server then completes the COPY.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        await ReserveAsync(2, cancellationToken);
        BinaryPrimitives.WriteInt16BigEndian(Take(2), -1);
        await FlushAsync(cancellationToken);
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await copy.WriteAsync(_buffer.AsMemory(0, _at), cancellationToken);
        _at = 0;
    }

    private void Length(int bytes) => BinaryPrimitives.WriteInt32BigEndian(Take(4), bytes);

    private Span<byte> Take(int bytes)
    {
        var span = _buffer.AsSpan(_at, bytes);
        _at += bytes;
        return span;
    }
}
