using System.Globalization;
using HotSpots.Domain.Incidents;
using HotSpots.Store;

namespace HotSpots.Application.Reports;

/// <summary>The areas a performance summary compares: local authorities, localities, or wards.</summary>
public enum PerformanceLevel
{
    Authority,
    Locality,
    Ward,
}

/// <summary>
/// What a performance summary is asked for. Months are month indexes (<see cref="OccurredAt.MonthIndex"/>, UTC months).
/// With neither <see cref="From"/> nor <see cref="Months"/>, the current period is the 12 months to <see cref="To"/>; with
/// no <see cref="To"/>, it ends with the last complete month. The previous period is as long, just before.
/// </summary>
public sealed record PerformanceQuery(
    int? To = null, int? Months = null, int? From = null, PerformanceLevel Level = PerformanceLevel.Authority, string? Locality = null, string? WardSet = null)
{
    public const int DefaultMonths = 12;
    public const int MaxMonths = 120;
    private const int Earliest = 1970 * 12, Latest = 2199 * 12 + 11;

    /// <summary>
    /// Reads the parameters as the API and the command line take them (<c>to</c> and <c>from</c> as yyyy-MM, <c>months</c>,
    /// <c>level</c> authority|locality|ward, <c>locality</c> and <c>wardSet</c> codes); blank means not given.
    /// </summary>
    /// <exception cref="ReportInputException">A parameter cannot be read; it is named.</exception>
    public static PerformanceQuery Parse(string? to, string? months, string? level, string? locality = null, string? from = null, string? wardSet = null) =>
        new(ParseMonth(to, "to"), ParseMonths(months), ParseMonth(from, "from"), ParseLevel(level), Blank(locality), Blank(wardSet));

    /// <summary>The two periods, checked against the month now running (only whole, past months can be reported).</summary>
    /// <exception cref="ReportInputException">The period is reversed, too long, outside 1970–2199, not complete yet, or inconsistent.</exception>
    public PerformancePeriods Resolve(DateTimeOffset now)
    {
        var running = OccurredAt.Exact(now).MonthIndex;
        foreach (var (value, name) in new[] { (To, "to"), (From, "from") })
        {
            if (value is { } m && (m < Earliest || m > Latest)) throw new ReportInputException(name, $"{name} must be a month from 1970-01 to 2199-12");
        }
        if (Months is { } n && (n < 1 || n > MaxMonths)) throw new ReportInputException("months", $"months must be from 1 to {MaxMonths}");
        var last = To ?? (From is { } start && Months is { } length ? start + length - 1 : running - 1);
        if (From is { } f && f > last)
        {
            throw new ReportInputException("from", To is null
                ? $"from ({Format(f)}) is after the last complete month ({Format(last)}): the period is reversed"
                : $"from ({Format(f)}) is after to ({Format(last)}): the period is reversed");
        }
        if (last >= running)
        {
            throw new ReportInputException(To is null ? "months" : "to",
                $"{Format(last)} is not complete yet: the last complete month is {Format(running - 1)}");
        }
        var months = From is { } first ? last - first + 1 : Months ?? DefaultMonths;
        if (From is not null && Months is { } given && given != months)
            throw new ReportInputException("months", $"months ({given}) disagrees with from {Format(From.Value)} to {Format(last)} ({months} months)");
        if (months > MaxMonths) throw new ReportInputException("from", $"the period may be at most {MaxMonths} months");
        if (last - 2 * months + 1 < Earliest) throw new ReportInputException(From is null ? "months" : "from", "the previous period would start before 1970-01");
        return new PerformancePeriods(last - 2 * months + 1, last - months + 1, last);
    }

    public static string Format(int monthIndex) => IncidentStoreExtensions.MonthStart(monthIndex).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static int? ParseMonth(string? text, string name)
    {
        if (Blank(text) is not { } value) return null;
        if (!DateTime.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            throw new ReportInputException(name, $"{name} '{value}' is not a month (yyyy-MM)");
        return month.Year * 12 + month.Month - 1;
    }

    private static int? ParseMonths(string? text)
    {
        if (Blank(text) is not { } value) return null;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var months)
            ? months
            : throw new ReportInputException("months", $"months '{value}' is not a whole number of months");
    }

    private static PerformanceLevel ParseLevel(string? text) => Blank(text) switch
    {
        null or "authority" => PerformanceLevel.Authority,
        "locality" => PerformanceLevel.Locality,
        "ward" => PerformanceLevel.Ward,
        var other => throw new ReportInputException("level", $"level '{other}' is not authority, locality or ward"),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The previous period (<see cref="PreviousFirst"/> up to the month before <see cref="CurrentFirst"/>) and the current one, to <see cref="CurrentLast"/>.</summary>
public readonly record struct PerformancePeriods(int PreviousFirst, int CurrentFirst, int CurrentLast)
{
    public int Months => CurrentLast - CurrentFirst + 1;
}
