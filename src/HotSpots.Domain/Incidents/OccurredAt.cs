using System.Globalization;

namespace HotSpots.Domain.Incidents;

/// <summary>How precisely the time of an incident is known. police.uk publishes months only.</summary>
public enum TimePrecision : byte
{
    Exact = 0,
    Day = 1,
    Month = 2,
}

/// <summary>
/// When an incident happened, at the precision the source knows: the start of the known period (UTC) and its length.
/// Day and month values are calendar dates as published; they are taken as UTC days and months.
/// </summary>
public readonly record struct OccurredAt(DateTimeOffset Start, TimePrecision Precision)
{
    /// <summary>
    /// The timestamp shapes accepted: ISO 8601's extended format (a space for the T, as RFC 3339 allows), minutes or
    /// seconds with an optional fraction, and an offset (Z or ±hh:mm). Parsed exactly: a lenient parse read
    /// <c>2026-11-30 Dec 1 12:00 z</c> as 01:12 that day.
    /// </summary>
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd' 'HH:mmK", "yyyy-MM-dd' 'HH:mm:ssK", "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
    ];

    public static OccurredAt Exact(DateTimeOffset instant) => new(instant.ToUniversalTime(), TimePrecision.Exact);

    public static OccurredAt Day(int year, int month, int day) =>
        new(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero), TimePrecision.Day);

    public static OccurredAt Month(int year, int month) =>
        new(new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero), TimePrecision.Month);

    /// <summary>Months since year 0, the key of monthly totals.</summary>
    public int MonthIndex => Start.Year * 12 + Start.Month - 1;

    /// <summary>
    /// Parses ISO 8601 at the precision known: <c>2018-01</c>, <c>2018-01-15</c>, or a full timestamp with an offset.
    /// A timestamp without an offset is refused: a partner's local time is ambiguous around clock changes.
    /// </summary>
    public static bool TryParse(string? text, out OccurredAt value, out string? error)
    {
        value = default;
        error = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "occurredAt is required";
            return false;
        }
        if (text.Length == 7 && DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
        {
            value = Month(m.Year, m.Month);
            return true;
        }
        if (text.Length == 10 && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            value = Day(d.Year, d.Month, d.Day);
            return true;
        }
        if (text.Length > 10 && (text[10] == 'T' || text[10] == 't' || text[10] == ' '))
        {
            if (!HasOffset(text))
            {
                error = $"occurredAt '{text}' has no UTC offset (use Z or ±hh:mm)";
                return false;
            }
            if (DateTimeOffset.TryParseExact(text.ToUpperInvariant(), TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            {
                value = Exact(instant);
                return true;
            }
        }
        error = $"occurredAt '{text}' is not ISO 8601 (yyyy-MM, yyyy-MM-dd, or a timestamp with offset)";
        return false;
    }

    public override string ToString() => Precision switch
    {
        TimePrecision.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        TimePrecision.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Start.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
    };

    private static bool HasOffset(string text)
    {
        var timePart = text[11..];
        return timePart.EndsWith('Z') || timePart.EndsWith('z') || timePart.Contains('+') || timePart.Contains('-');
    }
}
