using System.Globalization;
using System.Text;
using static HotSpots.Application.Reports.ReportHtml;

namespace HotSpots.Application.Reports;

/// <summary>
/// An agenda pack as one HTML document (A4, print-ready): the figures of the <see cref="LagPack"/> as tables and its trends
/// as inline SVG charts, with no script. Every table carries an id and every chart bar its month and count, so what is
/// printed can be checked against the JSON.
/// </summary>
public static class LagPackHtml
{
    public static string GroupName(string group) => group switch
    {
        "all" => "All recorded incidents",
        "asb" => "Anti-social behaviour",
        "violence" => "Violence",
        "deliberate-fires" => "Deliberate fires",
        _ => group,
    };

    public static string Render(LagPack pack)
    {
        var period = Describe(pack.Period);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<header>\n<h1>{Text(pack.LocalityName)} Locality Action Group</h1>\n");
        body.Append(CultureInfo.InvariantCulture,
            $"<p class=\"lead\">Agenda pack for <strong id=\"period\">{Text(period)}</strong> ({pack.Period.From} to {pack.Period.To}), against {Text(Describe(pack.Previous))} and {Text(Describe(pack.LastYear))}. Locality <code>{Text(pack.Locality)}</code>, ward set <code>{Text(pack.WardSet)}</code>; drawn {pack.DrawnAt.UtcDateTime:d MMMM yyyy HH:mm} UTC.</p>\n</header>\n");

        if (!pack.HasData)
        {
            body.Append("<section id=\"no-data\" class=\"no-data\">\n<h2>No data for this period</h2>\n");
            body.Append(CultureInfo.InvariantCulture, $"<p>No recorded incident in {Text(pack.LocalityName)}'s wards from {Text(MonthName(pack.Period.From))} to {Text(MonthName(pack.Period.To))} is in the store. This may mean the period's data has not been imported yet (police.uk publishes about two months after a month ends) rather than that nothing happened. The tables below are empty or zero for that reason.</p>\n</section>\n");
        }

        body.Append("<section>\n<h2>Headline counts</h2>\n<table id=\"headlines\">\n<thead><tr><th>Group</th>");
        body.Append(CultureInfo.InvariantCulture, $"<th class=\"n\">{Text(Describe(pack.Period))}</th><th class=\"n\">Previous</th><th class=\"n\">Change</th><th class=\"n\">%</th><th class=\"n\">Last year</th><th class=\"n\">Change</th><th class=\"n\">%</th></tr></thead>\n<tbody>\n");
        foreach (var h in pack.Headlines)
        {
            body.Append(CultureInfo.InvariantCulture,
                $"<tr data-group=\"{Text(h.Group)}\"><td>{Text(GroupName(h.Group))}</td><td class=\"n\">{Count(h.Current)}</td><td class=\"n\">{Count(h.Previous)}</td><td class=\"{Trend(h.Change)}\">{Change(h.Change)}</td><td class=\"{Trend(h.Change)}\">{Pct(h.ChangePct)}</td><td class=\"n\">{Count(h.LastYear)}</td><td class=\"{Trend(h.YearChange)}\">{Change(h.YearChange)}</td><td class=\"{Trend(h.YearChange)}\">{Pct(h.YearChangePct)}</td></tr>\n");
        }
        body.Append("</tbody>\n</table>\n<p class=\"muted\">Previous: the same number of months just before. Last year: the same months a year earlier. No percentage where the base is 0.</p>\n</section>\n");

        body.Append("<section>\n<h2>Wards ranked by heat against their own normal</h2>\n<table id=\"wards\">\n<thead><tr><th class=\"n\">Rank</th><th>Ward</th><th>Code</th><th class=\"n\">Incidents</th><th class=\"n\">Normal</th><th class=\"n\">Heat</th></tr></thead>\n<tbody>\n");
        foreach (var w in pack.Wards)
        {
            body.Append(CultureInfo.InvariantCulture,
                $"<tr data-ward=\"{Text(w.Code)}\"><td class=\"n\">{w.Rank}</td><td>{Text(w.Name)}</td><td>{Text(w.Code)}</td><td class=\"n\">{Count(w.Observed)}</td><td class=\"n\">{Decimal(w.Expected)}</td><td class=\"n\">{(w.HasBaseline ? Decimal(w.Score) : "no baseline")}</td></tr>\n");
        }
        body.Append("</tbody>\n</table>\n<p class=\"muted\">Normal: the ward's mean count over the twelve months before the period (as many as the store holds), for a period this long. Heat: the Freeman–Tukey score of the count against it; about 2 is unusual, 3 very unusual, below 0 quieter than usual.</p>\n</section>\n");

        body.Append("<section>\n<h2>Hot streets</h2>\n");
        if (pack.HotStreets.Count == 0) body.Append("<p id=\"hot-streets-none\">No location had two or more recorded incidents inside a hot cell in the period.</p>\n");
        else
        {
            body.Append("<table id=\"hot-streets\">\n<thead><tr><th>Ward</th><th>Location</th><th class=\"n\">Incidents</th></tr></thead>\n<tbody>\n");
            foreach (var s in pack.HotStreets)
                body.Append(CultureInfo.InvariantCulture, $"<tr data-ward=\"{Text(s.Ward)}\"><td>{Text(s.WardName)}</td><td>{Text(s.Location)}</td><td class=\"n\">{s.Count}</td></tr>\n");
            body.Append("</tbody>\n</table>\n");
        }
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{Text(pack.HotStreetsSource)} police.uk places each crime at an anonymised point near where it happened.</p>\n</section>\n");

        body.Append("<section>\n<h2>Monthly trends over 24 months</h2>\n<div class=\"charts\">\n");
        foreach (var t in pack.Trends) body.Append(Chart(t, pack.Period, pack.DataFrom));
        body.Append("</div>\n<p class=\"muted\">The period reported on is shaded darker. Each bar is a calendar month; grey marks months before the store's data begins (unknown, not zero).</p>\n</section>\n");

        body.Append("<section>\n<h2>Alerts in the period</h2>\n");
        if (pack.Alerts.Count == 0) body.Append("<p id=\"alerts-none\">No alert was raised for the locality's wards or the zones touching it in the period.</p>\n");
        else
        {
            body.Append("<table id=\"alerts\">\n<thead><tr><th>Raised</th><th>Area</th><th>What</th><th>Status</th><th>Acknowledged by</th><th>Notes</th></tr></thead>\n<tbody>\n");
            foreach (var a in pack.Alerts)
            {
                body.Append(CultureInfo.InvariantCulture,
                    $"<tr data-alert=\"{Text(a.Id)}\"><td>{a.RaisedAt.UtcDateTime:yyyy-MM-dd HH:mm}</td><td>{Text(a.AreaName)}</td><td>{Text(a.Explanation)} <span class=\"muted\">({Text(a.Severity)})</span></td><td>{Text(a.Status)}{(a.ResolvedAt is { } r ? $" {r.UtcDateTime:yyyy-MM-dd}" : "")}</td><td>{Text(a.HandledBy ?? "–")}</td><td>{Text(a.Note ?? "")}</td></tr>\n");
            }
            body.Append("</tbody>\n</table>\n");
        }
        body.Append("</section>\n");

        body.Append("<section>\n<h2>Operations in or touching the locality</h2>\n");
        if (pack.Operations.Count == 0) body.Append("<p id=\"operations-none\">No operation has a zone in or touching the locality.</p>\n");
        else
        {
            body.Append("<table id=\"operations\">\n<thead><tr><th>Operation</th><th>Active</th><th>Zone</th><th>Reading</th></tr></thead>\n<tbody>\n");
            foreach (var o in pack.Operations)
            {
                foreach (var z in o.Zones)
                {
                    body.Append(CultureInfo.InvariantCulture,
                        $"<tr data-operation=\"{Text(o.Id)}\"><td>{Text(o.Name)} <span class=\"muted\">({Text(o.Type)})</span></td><td>{Text(string.Join("; ", o.ActivePeriods))}</td><td>{Text(z.Name)}</td><td>{Text(z.Reading == "" ? "no reading" : z.Reading)}</td></tr>\n");
                }
            }
            body.Append("</tbody>\n</table>\n");
            foreach (var note in pack.Operations.SelectMany(o => o.Notes).Distinct()) body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{Text(note)}</p>\n");
        }
        body.Append("</section>\n");

        body.Append("<section id=\"coverage\">\n<h2>What the data covers and cannot say</h2>\n<ul>\n");
        foreach (var line in pack.Coverage.Concat(pack.Notes)) body.Append(CultureInfo.InvariantCulture, $"<li>{Text(line)}</li>\n");
        body.Append("</ul>\n</section>\n");
        body.Append("<footer>HotSpots. Contains police.uk data (Open Government Licence v3.0) and Office for National Statistics boundaries where loaded.</footer>\n");
        return Page($"{pack.LocalityName} LAG agenda pack, {period}", body.ToString());
    }

    private static string Chart(LagTrend trend, PerformancePeriod period, string? dataFrom)
    {
        const double width = 320, height = 130, left = 30, bottom = 18, top = 8;
        var max = Math.Max(1, trend.Counts.Max());
        var step = (width - left - 4) / trend.Counts.Count;
        var plot = height - bottom - top;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<figure data-group=\"{Text(trend.Group)}\">\n<figcaption>{Text(GroupName(trend.Group))}</figcaption>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Text(GroupName(trend.Group))}, monthly counts from {trend.From}\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plot}\" x2=\"{width - 4}\" y2=\"{top + plot}\" stroke=\"#999\" stroke-width=\"0.6\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top}\" x2=\"{width - 4}\" y2=\"{top}\" stroke=\"#ddd\" stroke-width=\"0.5\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 3}\" y=\"{top + 3}\" font-size=\"8\" text-anchor=\"end\" fill=\"#555\">{max}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 3}\" y=\"{top + plot}\" font-size=\"8\" text-anchor=\"end\" fill=\"#555\">0</text>\n");
        var unknown = Enumerable.Range(0, trend.Counts.Count).Count(i => dataFrom is null || string.CompareOrdinal(ReportWorkbook.Month(trend.From, i), dataFrom) < 0);
        if (unknown > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{top}\" width=\"{unknown * step:0.##}\" height=\"{plot}\" fill=\"#ececec\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + unknown * step / 2:0.##}\" y=\"{top + plot / 2 + 3}\" font-size=\"8\" text-anchor=\"middle\" fill=\"#777\">no data</text>\n");
        }
        for (var i = 0; i < trend.Counts.Count; i++)
        {
            var month = ReportWorkbook.Month(trend.From, i);
            var count = trend.Counts[i];
            var h = plot * count / max;
            var x = left + i * step;
            var inPeriod = string.CompareOrdinal(month, period.From) >= 0 && string.CompareOrdinal(month, period.To) <= 0;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect data-month=\"{month}\" data-count=\"{count}\" x=\"{x + 1:0.##}\" y=\"{top + plot - h:0.##}\" width=\"{step - 2:0.##}\" height=\"{h:0.##}\" fill=\"{(inPeriod ? "#1d4f7a" : "#9bb7cf")}\"><title>{month}: {count}</title></rect>\n");
            if (month.EndsWith("-01", StringComparison.Ordinal) || i == 0)
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 1:0.##}\" y=\"{height - 5}\" font-size=\"8\" fill=\"#555\">{DateTime.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture):MMM yy}</text>\n");
        }
        svg.Append("</svg>\n</figure>\n");
        return svg.ToString();
    }
}
