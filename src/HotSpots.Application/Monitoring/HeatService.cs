using HotSpots.Domain.Evaluation;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Grains;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Monitoring;

/// <summary>
/// One area's heat; <paramref name="Drills"/> of the observed incidents are drills. Without a baseline
/// (<paramref name="HasBaseline"/> false: no whole earlier period yet) the score compares with nothing and reads "no baseline yet".
/// With harm, <paramref name="Observed"/> and <paramref name="Expected"/> are sums of harm weights.
/// </summary>
public sealed record AreaHeat(string Code, string Name, double Observed, double Expected, double Score, int Drills, bool HasBaseline);

/// <summary>Heat of a whole set for one group and window, as the API and the hub send it; <paramref name="Harm"/>: weighed by harm.</summary>
public sealed record HeatSnapshot(string Set, string Group, string Window, string? Month, string Geography, IReadOnlyList<AreaHeat> Areas, bool Harm = false);

/// <summary>One category's part of an area's drill-down.</summary>
public sealed record CategoryCount(string Category, int Observed, double Expected, double Score, bool HasBaseline);

/// <summary>Counts oldest first: daily from <paramref name="From"/> (a date), or monthly from it (yyyy-MM).</summary>
public sealed record CountSeries(string From, IReadOnlyList<int> Counts);

/// <summary>An area's drill-down for a group and window, as of <paramref name="At"/>.</summary>
public sealed record AreaDrillDown(
    string Set, string Code, string Name, string Group, string Window, string? Month, DateTimeOffset At, AreaHeat Heat,
    IReadOnlyList<CategoryCount> Categories, CountSeries Daily, CountSeries Monthly, IReadOnlyList<LocationCount> RepeatLocations);

/// <summary>
/// Which heat a client wants: a set, a category group and a window (and for <c>month</c>, which month), now or, with
/// <paramref name="At"/>, as it stood at an earlier hour of the last seven days.
/// </summary>
public sealed record HeatSelection(AreaSetKind Set, CategoryGroup Group, HeatWindow Window, int MonthIndex, DateTimeOffset? At = null)
{
    public string SetName => Set == AreaSetKind.Wards ? "wards" : "zones";

    public string? MonthText => Window.IsCalendarMonth ? $"{MonthIndex / 12:0000}-{MonthIndex % 12 + 1:00}" : null;

    /// <summary>Parses the API's words; returns the problem in plain words when they do not make a selection.</summary>
    public static HeatSelection? TryParse(string? set, string? group, string? window, string? month, DateTimeOffset now, out string? error) =>
        TryParse(set, group, window, month, null, now, out error);

    public static HeatSelection? TryParse(string? set, string? group, string? window, string? month, string? at, DateTimeOffset now, out string? error)
    {
        error = null;
        DateTimeOffset? asOf = null;
        if (at is not null)
        {
            if (!DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
            {
                error = $"at '{at}' is not a date and time (ISO 8601, e.g. 2026-11-20T18:00:00Z)";
                return null;
            }
            if (parsed > now || parsed < now.AddHours(-HeatWindow.LookBackHours))
            {
                error = $"at '{at}' is not within the last {HeatWindow.LookBackHours / 24} days";
                return null;
            }
            if (month is not null || window == HeatWindow.Month.Slug)
            {
                error = "at goes with the rolling windows (24h, 7d, 28d), not with a calendar month";
                return null;
            }
            asOf = parsed.ToUniversalTime();
        }
        if (!AreaSet.TryParseName(set ?? "wards", out var kind)) error = $"set '{set}' is not wards or zones";
        else if (!CategoryGroup.TryParse(group ?? "all", out var g)) error = $"group '{group}' is not asb, deliberate-fires, violence, all or a category";
        else if (!HeatWindow.TryParse(window ?? "24h", out var w)) error = $"window '{window}' is not 24h, 7d, 28d or month";
        else
        {
            var monthIndex = now.Year * 12 + now.Month - 1;
            if (month is not null)
            {
                // The same calendar as every other date of the API: a drill-down counts back a year and on a month
                // from the month asked about, which the ends of DateTime's calendar do not allow.
                if (!OccurredAt.TryParse(month, out var m, out _) || m.Precision != TimePrecision.Month
                    || m.Start.Year < DayRange.EarliestDate.Year || m.Start.Year > DayRange.LatestDate.Year)
                {
                    error = $"month '{month}' is not yyyy-MM from {DayRange.EarliestDate.Year}-01 to {DayRange.LatestDate.Year}-12";
                    return null;
                }
                monthIndex = m.MonthIndex;
            }
            return new HeatSelection(kind, g, w, monthIndex, asOf);
        }
        return null;
    }
}

public sealed class HeatService(MonitorDirectory monitors, TimeProvider time, IOptions<HarmOptions>? harm = null)
{
    /// <param name="wardSet">The monitors of another ward set (<see cref="WardSetHistory"/>); the current ones when null.</param>
    /// <param name="weighed">Whether to weigh incidents by harm; when null, as <c>HotSpots:Harm:Enabled</c> says.</param>
    /// <param name="within">Only these areas (a locality's wards), in the set's order, so the answer is the whole set's cut down.</param>
    public async Task<HeatSnapshot> GetAsync(HeatSelection selection, IEnumerable<string>? onlyCodes = null, CancellationToken cancellationToken = default, MonitorSnapshot? wardSet = null,
        bool? weighed = null, IReadOnlySet<string>? within = null)
    {
        var snapshot = wardSet ?? monitors.Current;
        var set = snapshot.Geography.Set(selection.Set);
        var query = Query(selection);
        var covered = Covered(query);
        // Codes of a change may name an area that a new geography has since removed.
        IReadOnlyList<Area> areas = onlyCodes is not null ? [.. onlyCodes.Where(set.ByCode.ContainsKey).Select(c => set.ByCode[c])]
            : within is not null ? [.. set.Areas.Where(a => within.Contains(a.Code))]
            : set.Areas;
        List<AreaHeat> result;
        var harmWeights = (weighed ?? harm?.Value.Enabled ?? false) ? harm?.Value.Table() : null;
        if (harmWeights is null)
        {
            // Every area's grain at once: they may sit on different silos, and each answers from memory.
            var readings = await Task.WhenAll(areas.Select(area => snapshot.Get(new AreaKey(selection.Set, area.Code)).GetHeatAsync(query))).WaitAsync(cancellationToken);
            result = [.. areas.Select((area, i) =>
            {
                var reading = readings[i];
                return new AreaHeat(area.Code, area.Name, reading.Observed, Math.Round(reading.Expected, 3), Math.Round(reading.Score, 3), reading.Drills, covered && reading.HasBaseline);
            })];
        }
        else
        {
            var readings = await Task.WhenAll(areas.Select(area => snapshot.Get(new AreaKey(selection.Set, area.Code)).GetHarmHeatAsync(query, harmWeights))).WaitAsync(cancellationToken);
            result = [.. areas.Select((area, i) =>
            {
                var reading = readings[i];
                return new AreaHeat(area.Code, area.Name, Math.Round(reading.Observed, 3), Math.Round(reading.Expected, 3), Math.Round(reading.Score, 3), reading.Drills,
                    covered && reading.HasBaseline);
            })];
        }
        return new HeatSnapshot(selection.SetName, selection.Group.Slug, selection.Window.Slug, selection.MonthText, snapshot.Geography.Mode, result, harmWeights is not null);
    }

    /// <summary>An area's drill-down, or null when the set has no such area.</summary>
    public async Task<AreaDrillDown?> GetDrillDownAsync(HeatSelection selection, string code)
    {
        var snapshot = monitors.Current;
        if (!snapshot.Geography.Set(selection.Set).ByCode.TryGetValue(code, out var area)) return null;
        // A chosen month's drill-down ends with that month (its trends and repeat locations), not with today.
        if (selection.Window.IsCalendarMonth)
        {
            var monthEnd = new DateTimeOffset(selection.MonthIndex / 12, selection.MonthIndex % 12 + 1, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1).AddHours(-1);
            if (monthEnd < time.GetUtcNow()) selection = selection with { At = monthEnd };
        }
        var query = Query(selection);
        var covered = Covered(query);
        var monitor = snapshot.Get(new AreaKey(selection.Set, area.Code));
        var heatTask = monitor.GetHeatAsync(query);
        var profile = await monitor.GetProfileAsync(query);
        var heat = await heatTask;
        var at = selection.At ?? time.GetUtcNow();
        var today = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        var lastMonth = new DateTime(at.Year, at.Month, 1);
        return new AreaDrillDown(selection.SetName, area.Code, area.Name, selection.Group.Slug, selection.Window.Slug, selection.MonthText, at,
            new AreaHeat(area.Code, area.Name, heat.Observed, Math.Round(heat.Expected, 3), Math.Round(heat.Score, 3), heat.Drills, covered && heat.HasBaseline),
            [.. profile.Categories.Select(c => new CategoryCount(
                c.Category.Slug(), c.Reading.Observed, Math.Round(c.Reading.Expected, 3), Math.Round(c.Reading.Score, 3), covered && c.Reading.HasBaseline))],
            new CountSeries(today.AddDays(1 - profile.Daily.Length).ToString("yyyy-MM-dd"), profile.Daily),
            new CountSeries(lastMonth.AddMonths(1 - profile.Monthly.Length).ToString("yyyy-MM"), profile.Monthly),
            profile.RepeatLocations);
    }

    /// <summary>
    /// Whether any data exists for the window's kind of baseline. With none the counts read the whole baseline as
    /// covered (and quiet), and the first incident would turn every area from "baseline" to "no baseline yet".
    /// </summary>
    private static bool Covered(HeatQuery query) =>
        query.Window.IsCalendarMonth ? query.Coverage.FirstMonthIndex is not null : query.Coverage.FirstExact is not null;

    private HeatQuery Query(HeatSelection selection) =>
        new(selection.Group, selection.Window, selection.MonthIndex, monitors.CoverageAsOf(selection.At ?? time.GetUtcNow(), selection.MonthIndex), selection.At);
}
