using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;

namespace HotSpots.Application.Monitoring;

/// <summary>One area's heat; <paramref name="Drills"/> of the observed incidents are drills.</summary>
public sealed record AreaHeat(string Code, string Name, int Observed, double Expected, double Score, int Drills = 0);

/// <summary>Heat of a whole set for one group and window, as the API and the hub send it.</summary>
public sealed record HeatSnapshot(string Set, string Group, string Window, string? Month, string Geography, IReadOnlyList<AreaHeat> Areas);

/// <summary>Which heat a client wants: a set, a category group and a window (and for <c>month</c>, which month).</summary>
public sealed record HeatSelection(AreaSetKind Set, CategoryGroup Group, HeatWindow Window, int MonthIndex)
{
    public string SetName => Set == AreaSetKind.Wards ? "wards" : "zones";

    public string? MonthText => Window.IsCalendarMonth ? $"{MonthIndex / 12:0000}-{MonthIndex % 12 + 1:00}" : null;

    /// <summary>Parses the API's words; returns the problem in plain words when they do not make a selection.</summary>
    public static HeatSelection? TryParse(string? set, string? group, string? window, string? month, DateTimeOffset now, out string? error)
    {
        error = null;
        if (!AreaSet.TryParseName(set ?? "wards", out var kind)) error = $"set '{set}' is not wards or zones";
        else if (!CategoryGroup.TryParse(group ?? "all", out var g)) error = $"group '{group}' is not asb, deliberate-fires, violence, all or a category";
        else if (!HeatWindow.TryParse(window ?? "24h", out var w)) error = $"window '{window}' is not 24h, 7d, 28d or month";
        else
        {
            var monthIndex = now.Year * 12 + now.Month - 1;
            if (month is not null)
            {
                if (!OccurredAt.TryParse(month, out var m, out _) || m.Precision != TimePrecision.Month)
                {
                    error = $"month '{month}' is not yyyy-MM";
                    return null;
                }
                monthIndex = m.MonthIndex;
            }
            return new HeatSelection(kind, g, w, monthIndex);
        }
        return null;
    }
}

public sealed class HeatService(MonitorDirectory monitors)
{
    public async Task<HeatSnapshot> GetAsync(HeatSelection selection, IEnumerable<string>? onlyCodes = null, CancellationToken cancellationToken = default)
    {
        var set = monitors.Geography.Set(selection.Set);
        var query = new HeatQuery(selection.Group, selection.Window, selection.MonthIndex, monitors.Coverage);
        var areas = onlyCodes is null ? set.Areas : [.. onlyCodes.Select(c => set.ByCode[c])];
        var result = new List<AreaHeat>(areas.Count);
        foreach (var area in areas)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reading = await monitors.Get(new AreaKey(selection.Set, area.Code)).GetHeatAsync(query);
            result.Add(new AreaHeat(area.Code, area.Name, reading.Observed, Math.Round(reading.Expected, 3), Math.Round(reading.Score, 3), reading.Drills));
        }
        return new HeatSnapshot(selection.SetName, selection.Group.Slug, selection.Window.Slug, selection.MonthText, monitors.Geography.Mode, result);
    }
}
