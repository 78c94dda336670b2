using MiniExcelLibs;

namespace HotSpots.Application.Reports;

/// <summary>
/// The reports as spreadsheets (xlsx), one sheet per table, with the column names the JSON uses: figures as numbers
/// (blank where a figure does not exist), so a sheet can be sorted and charted as it opens.
/// </summary>
public static class ReportWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Of(PerformanceSummary summary) => Write(new Dictionary<string, object>
    {
        ["Summary"] = summary.Rows.Select(r => Row(
            ("area_code", r.AreaCode), ("area_name", r.AreaName), ("category", r.Category), ("previous", r.Previous), ("current", r.Current),
            ("difference", r.Difference), ("difference_pct", r.DifferencePct), ("kind", r.Kind), ("parent_code", r.ParentCode), ("parent_name", r.ParentName),
            ("share_pct", r.SharePct), ("rank", r.Rank), ("rank_of", r.RankOf), ("rate_per_1000", r.RatePer1000),
            ("concentration_wards", r.ConcentrationWards), ("concentration_pct", r.ConcentrationPct))).ToList(),
        ["Concentration"] = summary.Concentrations.Select(c => Row(
            ("area_code", c.AreaCode), ("area_name", c.AreaName), ("category", c.Category), ("wards", c.Wards), ("of_wards", c.OfWards),
            ("held", c.Held), ("total", c.Total), ("share_pct", c.SharePct), ("sentence", c.Sentence))).ToList(),
        ["Notes"] = Lines("note", summary.Notes),
    });

    public static byte[] Of(LagPack pack) => Write(new Dictionary<string, object>
    {
        ["Headlines"] = pack.Headlines.Select(h => Row(
            ("group", h.Group), ("current", h.Current), ("previous", h.Previous), ("change", h.Change), ("change_pct", h.ChangePct),
            ("last_year", h.LastYear), ("year_change", h.YearChange), ("year_change_pct", h.YearChangePct))).ToList(),
        ["Ward heat"] = pack.Wards.Select(w => Row(
            ("rank", w.Rank), ("code", w.Code), ("name", w.Name), ("observed", w.Observed), ("expected", w.Expected), ("score", w.Score), ("has_baseline", w.HasBaseline))).ToList(),
        ["Hot streets"] = pack.HotStreets.Select(s => Row(("ward", s.Ward), ("ward_name", s.WardName), ("location", s.Location), ("count", s.Count))).ToList(),
        ["Trends"] = pack.Trends.SelectMany(t => t.Counts.Select((c, i) => Row(("group", t.Group), ("month", Month(t.From, i)), ("count", c)))).ToList(),
        ["Alerts"] = pack.Alerts.Select(a => Row(
            ("id", a.Id), ("area", a.Area), ("area_name", a.AreaName), ("group", a.Group), ("severity", a.Severity), ("raised_at", a.RaisedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm")),
            ("status", a.Status), ("explanation", a.Explanation), ("handled_by", a.HandledBy), ("note", a.Note), ("resolved_at", a.ResolvedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm")))).ToList(),
        ["Operations"] = pack.Operations.SelectMany(o => o.Zones.Select(z => Row(
            ("operation", o.Id), ("name", o.Name), ("type", o.Type), ("active", string.Join("; ", o.ActivePeriods)), ("zone", z.Zone), ("zone_name", z.Name),
            ("group", z.Group), ("reading", z.Reading)))).ToList(),
        ["Coverage"] = Lines("what_the_data_covers", [.. pack.Coverage, .. pack.Notes]),
    });

    /// <summary>The month <paramref name="offset"/> months after <paramref name="from"/> (yyyy-MM).</summary>
    public static string Month(string from, int offset) =>
        DateTime.ParseExact(from, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture).AddMonths(offset).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Row(params (string Name, object? Value)[] cells) => cells.ToDictionary(c => c.Name, c => c.Value);

    private static List<Dictionary<string, object?>> Lines(string column, IEnumerable<string> lines) => [.. lines.Select(l => Row((column, l)))];

    private static byte[] Write(Dictionary<string, object> sheets)
    {
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(buffer, sheets, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }
}
