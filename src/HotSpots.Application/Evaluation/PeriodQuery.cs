using System.Globalization;
using HotSpots.Domain.Evaluation;

namespace HotSpots.Application.Evaluation;

/// <summary>
/// Periods and days as a query string gives them: an evaluation's before, during and after
/// (<c>yyyy-MM-dd..yyyy-MM-dd</c> or <c>yyyy-MM</c>, several joined by ','), and a from/to pair of days. Every date
/// must be plausible; each refusal says what was expected.
/// </summary>
public static class PeriodQuery
{
    private static readonly string Plausible =
        $"{DayRange.EarliestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {DayRange.LatestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// An evaluation's periods, or null with none given (the operation's own dates decide them); false with
    /// <paramref name="error"/> when some are given but not usable.
    /// </summary>
    public static bool TryParsePeriods(string? before, string? during, string? after, out EvaluationPeriods? periods, out string? error)
    {
        periods = null;
        error = null;
        if (before is null && during is null && after is null) return true;
        if (!TryPeriod("before", before, out var b, out error) || !TryPeriod("during", during, out var d, out error)) return false;
        EvaluationPeriod? a = null;
        if (after is not null && !TryPeriod("after", after, out a, out error)) return false;
        var all = new[] { b, d, a }.OfType<EvaluationPeriod>().SelectMany(p => p.Ranges).OrderBy(r => r.First).ToList();
        if (all.Zip(all.Skip(1)).Any(p => p.First.End > p.Second.First))
        {
            error = "before, during and after must not overlap";
            return false;
        }
        periods = new EvaluationPeriods(b!, d!, a);
        return true;
    }

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/> (both included; each defaulted when absent).</summary>
    public static bool TryParseDays(string? from, string? to, DateOnly defaultFrom, DateOnly defaultTo, out DateOnly first, out DateOnly last, out string? error)
    {
        var fromError = DateProblem("from", from, defaultFrom, out first);
        var toError = DateProblem("to", to, defaultTo, out last);
        error = fromError ?? toError ?? (first > last ? $"from {first:yyyy-MM-dd} is after to {last:yyyy-MM-dd}" : null);
        return error is null;
    }

    private static bool TryPeriod(string name, string? text, out EvaluationPeriod? period, out string? error)
    {
        period = null;
        error = null;
        if (text is null)
        {
            error = $"{name} is required when any period is given (yyyy-MM-dd..yyyy-MM-dd or yyyy-MM, several joined by ',')";
            return false;
        }
        var ranges = new List<DayRange>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!DayRange.TryParse(part, out var range))
            {
                error = $"{name} '{part}' is not yyyy-MM-dd..yyyy-MM-dd (last day included), yyyy-MM or yyyy-MM..yyyy-MM, from {Plausible}";
                return false;
            }
            ranges.Add(range);
        }
        var ordered = ranges.OrderBy(r => r.First).ToList();
        if (ordered.Count == 0 || ordered.Zip(ordered.Skip(1)).Any(p => p.First.End > p.Second.First))
        {
            error = $"{name} has no ranges, or ranges that overlap";
            return false;
        }
        period = new EvaluationPeriod(name, ordered);
        return true;
    }

    /// <summary>Why a date is not a plausible yyyy-MM-dd date, or null (with the date, or the fallback when it is absent).</summary>
    private static string? DateProblem(string name, string? text, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && DayRange.IsPlausible(date)
            ? null
            : $"{name} '{text}' is not a date (yyyy-MM-dd) from {Plausible}";
    }
}
