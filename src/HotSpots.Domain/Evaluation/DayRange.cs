using System.Globalization;

namespace HotSpots.Domain.Evaluation;

/// <summary>
/// Whole UTC days <see cref="First"/> (inclusive) to <see cref="End"/> (exclusive), as days since 1970-01-01. Evaluation
/// periods are made of these, so an operation that pauses and resumes is one period of several ranges.
/// </summary>
public readonly record struct DayRange(int First, int End)
{
    /// <summary>
    /// The dates any period or query may name. Far outside them nothing was recorded, and near the calendar's ends the
    /// day after the last (every range's exclusive end) does not exist: 9999-12-31 was a 500.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(1970, 1, 1), LatestDate = new(2199, 12, 31);

    /// <summary>Whether a date is one a period or query may name (see <see cref="EarliestDate"/>).</summary>
    public static bool IsPlausible(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    public int Days => Math.Max(0, End - First);

    public bool IsEmpty => End <= First;

    public bool Contains(int day) => day >= First && day < End;

    /// <summary>A range from its first to its last date, both included (the way people write periods).</summary>
    public static DayRange Dates(DateOnly first, DateOnly last) => new(DayOf(first), DayOf(last) + 1);

    public static int DayOf(DateOnly date) => date.DayNumber - Epoch;

    public static int DayOf(DateTimeOffset instant) => (int)Math.Floor(instant.ToUnixTimeMilliseconds() / 86_400_000d);

    public static DateOnly DateOf(int day) => DateOnly.FromDayNumber(day + Epoch);

    /// <summary>The days of a calendar month given as months since year 0 (<c>OccurredAt.MonthIndex</c>).</summary>
    public static DayRange Month(int monthIndex)
    {
        var first = new DateOnly(monthIndex / 12, monthIndex % 12 + 1, 1);
        return new DayRange(DayOf(first), DayOf(first.AddMonths(1)));
    }

    public DayRange Intersect(DayRange other) => new(Math.Max(First, other.First), Math.Min(End, other.End));

    /// <summary><c>yyyy-MM-dd..yyyy-MM-dd</c>, last day included.</summary>
    public override string ToString() =>
        $"{DateOf(First).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}..{DateOf(End - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Parses <c>yyyy-MM</c> (a whole month) or <c>FIRST..LAST</c>, each a date or a month (a month as FIRST starts on
    /// its first day, as LAST ends on its last), so <c>2018-01..2018-02</c> is January and February (police.uk months);
    /// every date within the plausible ones.
    /// </summary>
    public static bool TryParse(string? text, out DayRange range)
    {
        range = default;
        var parts = text?.Trim().Split("..");
        if (parts is [var single] && TryMonth(single, out var month))
        {
            range = month;
            return true;
        }
        if (parts is not [var from, var to]) return false;
        int first, end;
        if (TryMonth(from, out var fromMonth)) first = fromMonth.First;
        else if (TryDate(from, out var date)) first = DayOf(date);
        else return false;
        if (TryMonth(to, out var toMonth)) end = toMonth.End;
        else if (TryDate(to, out var date)) end = DayOf(date) + 1;
        else return false;
        if (end <= first) return false;
        range = new DayRange(first, end);
        return true;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && IsPlausible(date);

    private static bool TryMonth(string text, out DayRange month)
    {
        month = default;
        if (text.Length != 7 || !TryDate(text + "-01", out var first)) return false;
        month = Month(first.Year * 12 + first.Month - 1);
        return true;
    }

    private static readonly int Epoch = new DateOnly(1970, 1, 1).DayNumber;
}

/// <summary>A named evaluation period (before, during, after): one or more day ranges that do not overlap.</summary>
public sealed record EvaluationPeriod(string Name, IReadOnlyList<DayRange> Ranges)
{
    public int Days => Ranges.Sum(r => r.Days);

    public bool Contains(int day) => Ranges.Any(r => r.Contains(day));

    public override string ToString() => string.Join(", ", Ranges);
}

/// <summary>
/// A count over a period: incidents whose known time lies wholly inside it, and those of month precision whose month
/// only partly overlaps it (not counted: police.uk publishes months only, so choose periods on month boundaries).
/// </summary>
public readonly record struct PeriodCount(int Count, int Straddling)
{
    public static PeriodCount operator +(PeriodCount a, PeriodCount b) => new(a.Count + b.Count, a.Straddling + b.Straddling);

    public static PeriodCount operator -(PeriodCount a, PeriodCount b) => new(a.Count - b.Count, a.Straddling - b.Straddling);
}
