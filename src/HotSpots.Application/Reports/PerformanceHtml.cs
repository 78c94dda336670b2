using System.Globalization;
using System.Text;
using static HotSpots.Application.Reports.ReportHtml;

namespace HotSpots.Application.Reports;

/// <summary>The performance summary as a print-ready HTML table (A4, no script), one row per area and category or group.</summary>
public static class PerformanceHtml
{
    public static string Render(PerformanceSummary summary)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>Performance summary by {Text(summary.Level)}{(summary.Locality is { } l ? $", locality {Text(l)}" : "")}</h1>\n");
        body.Append(CultureInfo.InvariantCulture,
            $"<p class=\"lead\">{Text(Describe(summary.Current))} against {Text(Describe(summary.Previous))}. Ward set <code>{Text(summary.WardSet)}</code>. Recorded incidents only: drills and replays never count.</p>\n");
        body.Append("<table id=\"summary\">\n<thead><tr><th>Area</th><th>Category</th><th class=\"n\">Previous</th><th class=\"n\">Current</th><th class=\"n\">Difference</th><th class=\"n\">%</th><th class=\"n\">Share</th><th class=\"n\">Rank</th>");
        var rates = summary.Rows.Any(r => r.RatePer1000 is not null);
        if (rates) body.Append("<th class=\"n\">Per 1,000</th>");
        body.Append("</tr></thead>\n<tbody>\n");
        foreach (var r in summary.Rows)
        {
            body.Append(CultureInfo.InvariantCulture,
                $"<tr data-area=\"{Text(r.AreaCode)}\" data-category=\"{Text(r.Category)}\"><td>{Text(r.AreaName)}</td><td>{(r.Kind == "group" ? $"<strong>{Text(r.Category)}</strong>" : Text(r.Category))}</td><td class=\"n\">{Count(r.Previous)}</td><td class=\"n\">{Count(r.Current)}</td><td class=\"{Trend(r.Difference)}\">{Change(r.Difference)}</td><td class=\"{Trend(r.Difference)}\">{Pct(r.DifferencePct)}</td><td class=\"n\">{(r.SharePct is { } s ? Decimal(s, "0.0") + "%" : "–")}</td><td class=\"n\">{r.Rank} of {r.RankOf}</td>");
            if (rates) body.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{Decimal(r.RatePer1000)}</td>");
            body.Append("</tr>\n");
        }
        body.Append("</tbody>\n</table>\n");
        if (summary.Concentrations.Count > 0)
        {
            body.Append("<h2>Concentration</h2>\n<ul>\n");
            foreach (var c in summary.Concentrations) body.Append(CultureInfo.InvariantCulture, $"<li>{Text(c.Sentence)}</li>\n");
            body.Append("</ul>\n");
        }
        if (summary.PopulationSource is { } source) body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Population: {Text(source)}.</p>\n");
        if (summary.Notes.Count > 0)
        {
            body.Append("<h2>Notes</h2>\n<ul>\n");
            foreach (var n in summary.Notes) body.Append(CultureInfo.InvariantCulture, $"<li>{Text(n)}</li>\n");
            body.Append("</ul>\n");
        }
        return Page($"Performance summary, {Describe(summary.Current)}", body.ToString());
    }
}
