using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using HotSpots.Domain.Incidents;

namespace HotSpots.Application.Imports;

/// <summary>Field checks and conversions shared by the row readers, on a field's UTF-8 bytes.</summary>
public static class RowFields
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MMM-yyyy", "dd MMM yyyy", "d MMM yyyy"];

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "d/M/yyyy H:mm", "dd MMM yyyy HH:mm:ss", "dd MMM yyyy HH:mm",
    ];

    /// <summary>
    /// The trimmed text, cut to the longest allowed; as bytes, unless repairing needs characters. Line breaks, line and
    /// paragraph separators and other control characters (a street description typed over two lines) become single
    /// spaces: the text is shown on one line, and the API refuses them. Direction controls are dropped, as the API
    /// drops them.
    /// </summary>
    public static ReadOnlySpan<byte> LocationText(ReadOnlySpan<byte> raw)
    {
        var text = raw[Ascii.Trim(raw)];
        var valid = Utf8.IsValid(text);
        // 0xE2 leads every character from U+2000 to U+2FFF, the separators and direction controls among them; text
        // holding one is looked at as characters.
        var plain = text.IndexOfAnyInRange((byte)0, (byte)0x1F) < 0 && !text.Contains((byte)0x7F) && !text.Contains((byte)0xE2);
        if (valid && plain && text.Length <= IncidentRules.MaxLocationTextLength) return text;
        // Invalid bytes become U+FFFD, as a text decoder would make them, rather than being stored raw.
        var chars = Encoding.UTF8.GetString(text);
        if (!plain)
        {
            chars = string.Join(' ', IncidentRules.WithoutDirectionControls(chars).Split((char[])[.. Enumerable.Range(0, 32).Select(c => (char)c), '\u007F', '\u2028', '\u2029'],
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        if (valid && plain && chars.Length <= IncidentRules.MaxLocationTextLength) return text;
        return Encoding.UTF8.GetBytes(chars.Length <= IncidentRules.MaxLocationTextLength ? chars : chars[..IncidentRules.MaxLocationTextLength]);
    }

    /// <summary>A source's own id, trimmed (non-UTF-8 bytes become U+FFFD); null and a reason when it will not do.</summary>
    public static ReadOnlySpan<byte> SourceId(ReadOnlySpan<byte> raw, string what, out string? problem)
    {
        var id = raw[Ascii.Trim(raw)];
        problem = null;
        if (id.Length == 0)
        {
            problem = $"{what} is empty";
            return [];
        }
        if (!Ascii.IsValid(id))
        {
            var text = Encoding.UTF8.GetString(id);
            problem = IncidentRules.CheckSourceId(text);
            return Encoding.UTF8.GetBytes(text);
        }
        if (id.Length > IncidentRules.MaxSourceIdLength) problem = $"{what} is longer than {IncidentRules.MaxSourceIdLength} characters";
        foreach (var b in id)
        {
            if (b < 0x20 || b == 0x7F) problem = $"{what} contains control characters";
        }
        return id;
    }

    /// <summary>Looks a label up in a table.</summary>
    public static bool TryLabel(ReadOnlySpan<byte> raw, LabelTable table, out LabelMeaning meaning)
    {
        Span<char> chars = stackalloc char[128];
        var text = raw[Ascii.Trim(raw)];
        if (Encoding.UTF8.TryGetChars(text, chars, out var length)) return table.TryGet(chars[..length], out meaning);
        return table.TryGet(Encoding.UTF8.GetString(text), out meaning);
    }

    public static bool TryNumber(ReadOnlySpan<byte> raw, out double value)
    {
        var text = raw[Ascii.Trim(raw)];
        return Utf8Parser.TryParse(text, out value, out var used) && used == text.Length && double.IsFinite(value)
            || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    public static bool IsBlank(ReadOnlySpan<byte> raw) => raw[Ascii.Trim(raw)].IsEmpty;

    /// <summary>A calendar date: yyyy-MM-dd, dd/MM/yyyy or dd MMM yyyy; a time after the date is ignored.</summary>
    public static bool TryDate(ReadOnlySpan<byte> raw, out DateOnly date)
    {
        var text = raw[Ascii.Trim(raw)];
        if (TryIsoDate(text, out date)) return true;
        Span<char> chars = stackalloc char[40];
        if (!Encoding.UTF8.TryGetChars(text, chars, out var length)) return false;
        var span = chars[..length];
        var space = span.IndexOfAny(' ', 'T');
        if (DateOnly.TryParseExact(span, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        return space > 0 && DateOnly.TryParseExact(span[..space], DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>
    /// A date and time: with an offset (ISO 8601) it is exact; without one it is local time in <paramref name="zone"/>.
    /// In the hour the clocks go forward, a time that never happened is moved an hour on; in the hour they go back, a
    /// time that happened twice is read as the later (standard time), which is what .NET does.
    /// </summary>
    public static bool TryDateTime(ReadOnlySpan<byte> raw, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        var text = raw[Ascii.Trim(raw)];
        instant = default;
        DateTime local;
        if (!TryIsoDateTime(text, out local))
        {
            Span<char> chars = stackalloc char[48];
            if (!Encoding.UTF8.TryGetChars(text, chars, out var length)) return false;
            var span = chars[..length];
            if (span.Length > 19 && (span[^1] is 'Z' or 'z' || span[^6] is '+' or '-'))
            {
                if (!DateTimeOffset.TryParse(span, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant)) return false;
                instant = instant.ToUniversalTime();
                return true;
            }
            if (!DateTime.TryParseExact(span, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local)) return false;
        }
        instant = FromLocal(local, zone);
        return true;
    }

    /// <summary>A date and a separate time of day (HH:mm or HH:mm:ss), local time in <paramref name="zone"/>.</summary>
    public static bool TryDateAndTime(ReadOnlySpan<byte> date, ReadOnlySpan<byte> time, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        if (!TryDate(date, out var day)) return false;
        var t = time[Ascii.Trim(time)];
        Span<char> chars = stackalloc char[16];
        if (!Encoding.UTF8.TryGetChars(t, chars, out var length)
            || !TimeOnly.TryParseExact(chars[..length], ["HH:mm:ss", "HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
            return false;
        instant = FromLocal(day.ToDateTime(clock), zone);
        return true;
    }

    private static DateTimeOffset FromLocal(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static bool TryIsoDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        if (text.Length < 10 || text[4] != '-' || text[7] != '-' || (text.Length > 10 && text[10] is not ((byte)' ' or (byte)'T'))) return false;
        if (!Digits(text[..4], out var y) || !Digits(text.Slice(5, 2), out var m) || !Digits(text.Slice(8, 2), out var d)) return false;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>The common case without allocation: yyyy-MM-dd HH:mm[:ss] (or with T), no offset.</summary>
    private static bool TryIsoDateTime(ReadOnlySpan<byte> text, out DateTime local)
    {
        local = default;
        if (text.Length is not (16 or 19) || !TryIsoDate(text[..10], out var date) || text[10] is not ((byte)' ' or (byte)'T') || text[13] != ':') return false;
        if (!Digits(text.Slice(11, 2), out var h) || !Digits(text.Slice(14, 2), out var min) || h > 23 || min > 59) return false;
        var s = 0;
        if (text.Length == 19 && (text[16] != ':' || !Digits(text.Slice(17, 2), out s) || s > 59)) return false;
        local = date.ToDateTime(new TimeOnly(h, min, s));
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
