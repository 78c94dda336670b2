namespace HotSpots.Application.Imports;

/// <summary>
/// A forward-only RFC 4180 reader over UTF-8 bytes: commas, double-quoted fields (with "" inside and line breaks),
/// CR, LF or CRLF line ends (classic Mac and Excel exports end lines with a bare CR, and files get mixed), an optional
/// byte order mark, blank lines skipped. A record whose quoting is broken across lines (a quote never closed, or closed
/// lines later with text after it) is reported on its first line, and reading resumes on the next line rather than
/// losing every row the broken quote would swallow. Fields are handed out as byte spans into
/// its buffer, valid until the next <see cref="Read"/>, so a row costs no allocation unless the caller wants strings.
/// Bulk imports spend most of their time here, which is why it is not a general-purpose CSV library.
/// </summary>
public sealed class Utf8CsvReader : IDisposable
{
    private const byte Comma = (byte)',', Quote = (byte)'"', Lf = (byte)'\n', Cr = (byte)'\r';

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start, _end;
    private bool _eof, _atStart = true;
    private long _bytesRead;
    private long _nextLine = 1;
    private int[] _fieldStart = new int[32], _fieldLength = new int[32];
    private bool[] _fieldEscaped = new bool[32];

    public Utf8CsvReader(Stream stream, int bufferSize = 1 << 20)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
    }

    public int FieldCount { get; private set; }

    /// <summary>The physical line (1-based) on which the current record starts.</summary>
    public long Line { get; private set; }

    /// <summary>Why the current record is malformed, or null when it is well formed.</summary>
    public string? Problem { get; private set; }

    /// <summary>Bytes of the stream consumed up to the end of the current record.</summary>
    public long Position => _bytesRead - (_end - _start);

    /// <summary>A field's bytes, with surrounding quotes removed and doubled quotes made single.</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            var field = _buffer.AsSpan(_fieldStart[index], _fieldLength[index]);
            return _fieldEscaped[index] ? Unescape(field) : field;
        }
    }

    public string GetString(int index) => System.Text.Encoding.UTF8.GetString(this[index]);

    /// <summary>Moves to the next record; false at the end of the stream.</summary>
    public bool Read()
    {
        while (true)
        {
            if (_atStart && !SkipByteOrderMark()) continue;
            var parsed = TryParseRecord(out var consumed);
            if (parsed is null)
            {
                if (_eof) return false;
                Refill();
                continue;
            }
            if (Problem is not null && FirstLineEnd(consumed) is { } firstLine && firstLine < consumed)
            {
                var swallowed = LineBreaks(_buffer.AsSpan(_start + firstLine, consumed - firstLine));
                Problem = $"{Problem} (a quote on this line runs on over {swallowed} more line{(swallowed == 1 ? "" : "s")}; only this line is skipped)";
                consumed = firstLine;
            }
            var record = _buffer.AsSpan(_start, consumed);
            Line = _nextLine;
            _nextLine += LineBreaks(record);
            _start += consumed;
            if (parsed == false) continue;
            return true;
        }
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>
    /// Parses the record at the buffer's start: true when one was found, false for a blank line, null when the buffer
    /// ends before the record does. Nothing is modified until the whole record is in the buffer.
    /// </summary>
    private bool? TryParseRecord(out int consumed)
    {
        consumed = 0;
        var pos = _start;
        var fields = 0;
        Problem = null;
        if (pos == _end) return NeedMore();
        if (_buffer[pos] is Lf or Cr)
        {
            if (LineEndLength(pos) is not { } blank) return NeedMore();
            consumed = blank;
            return false;
        }

        while (true)
        {
            int contentStart, contentLength, next;
            var escaped = false;
            if (pos < _end && _buffer[pos] == Quote)
            {
                var p = pos + 1;
                int close;
                while (true)
                {
                    var q = _buffer.AsSpan(p, _end - p).IndexOf(Quote);
                    if (q < 0)
                    {
                        if (!_eof) return NeedMore();
                        Problem = "a quoted field is not closed";
                        close = _end;
                        break;
                    }
                    q += p;
                    if (q + 1 == _end && !_eof) return NeedMore();
                    if (q + 1 < _end && _buffer[q + 1] == Quote)
                    {
                        escaped = true;
                        p = q + 2;
                        continue;
                    }
                    close = q;
                    break;
                }
                contentStart = pos + 1;
                contentLength = close - contentStart;
                var after = Math.Min(close + 1, _end);
                var rest = _buffer.AsSpan(after, _end - after).IndexOfAny(Comma, Lf, Cr);
                if (rest < 0 && !_eof) return NeedMore();
                next = rest < 0 ? _end : after + rest;
                if (next > after) Problem ??= "malformed quoting";
            }
            else
            {
                var found = _buffer.AsSpan(pos, _end - pos).IndexOfAny(Comma, Lf, Cr);
                if (found < 0 && !_eof) return NeedMore();
                next = found < 0 ? _end : pos + found;
                contentStart = pos;
                contentLength = next - pos;
                if (_buffer.AsSpan(contentStart, contentLength).Contains(Quote)) Problem ??= "malformed quoting";
            }

            if (fields == _fieldStart.Length) Grow();
            _fieldStart[fields] = contentStart;
            _fieldLength[fields] = contentLength;
            _fieldEscaped[fields] = escaped;
            fields++;

            if (next < _end && _buffer[next] == Comma)
            {
                pos = next + 1;
                continue;
            }
            var end = _end;
            if (next < _end)
            {
                if (LineEndLength(next) is not { } length) return NeedMore();
                end = next + length;
            }
            FieldCount = fields;
            consumed = end - _start;
            return true;
        }
    }

    private static bool? NeedMore() => null;

    /// <summary>The length of the line end (CR, LF or CRLF) at a CR or LF, or null when a CR ends the buffer and an LF may follow.</summary>
    private int? LineEndLength(int at)
    {
        if (_buffer[at] == Lf) return 1;
        if (at + 1 < _end) return _buffer[at + 1] == Lf ? 2 : 1;
        return _eof ? 1 : null;
    }

    /// <summary>Where the current record's first line ends (past its line end), counted from the buffer's start, or null if it has one line.</summary>
    private int? FirstLineEnd(int consumed)
    {
        var at = _buffer.AsSpan(_start, consumed).IndexOfAny(Lf, Cr);
        if (at < 0) return null;
        return at + (LineEndLength(_start + at) ?? 1);
    }

    /// <summary>Line ends in some bytes: each LF, and each CR not followed by an LF.</summary>
    private static int LineBreaks(ReadOnlySpan<byte> bytes)
    {
        var breaks = bytes.Count(Lf);
        // Most files have no CR, or only CRLF; the byte-by-byte look is for those that have one.
        if (!bytes.Contains(Cr)) return breaks;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == Cr && (i + 1 == bytes.Length || bytes[i + 1] != Lf)) breaks++;
        }
        return breaks;
    }

    private bool SkipByteOrderMark()
    {
        if (_end - _start < 3 && !_eof)
        {
            Refill();
            return false;
        }
        if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8)) _start += 3;
        _atStart = false;
        return true;
    }

    private void Refill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
        _bytesRead += read;
    }

    private void Grow()
    {
        Array.Resize(ref _fieldStart, _fieldStart.Length * 2);
        Array.Resize(ref _fieldLength, _fieldLength.Length * 2);
        Array.Resize(ref _fieldEscaped, _fieldEscaped.Length * 2);
    }

    private static byte[] Unescape(ReadOnlySpan<byte> field)
    {
        var result = new byte[field.Length - field.Count(Quote) / 2];
        var w = 0;
        for (var i = 0; i < field.Length; i++)
        {
            result[w++] = field[i];
            if (field[i] == Quote) i++;
        }
        return result;
    }
}
