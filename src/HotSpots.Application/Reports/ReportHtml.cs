using System.Globalization;
using System.Net;
using System.Text;

namespace HotSpots.Application.Reports;

/// <summary>
/// The frame and the number formats the HTML reports share: one self-contained document, A4 with print margins, no
/// script and nothing fetched, so it opens offline, prints as it shows, and can be rendered to PDF as it is.
/// </summary>
public static class ReportHtml
{
    public const string ContentType = "text/html; charset=utf-8";

    private const string Style = """
        @page { size: A4; margin: 14mm 12mm 16mm 12mm; }
        * { box-sizing: border-box; }
        body { font: 10pt/1.35 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1b1b1b; margin: 0 auto; max-width: 186mm; padding: 6mm 0; }
        h1 { font-size: 17pt; margin: 0 0 1mm; }
        h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 0.4mm solid #1d4f7a; padding-bottom: 1mm; color: #1d4f7a; break-after: avoid; }
        h3 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; }
        p, li { margin: 1mm 0; }
        .lead { color: #444; margin-bottom: 3mm; }
        table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 9pt; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        th, td { border-bottom: 0.2mm solid #ccc; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
        th { background: #eef3f7; font-weight: 600; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .up { color: #a11d1d; } .down { color: #1d6b2f; }
        .muted { color: #666; }
        .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm 5mm; }
        figure { margin: 0; break-inside: avoid; }
        figcaption { font-weight: 600; font-size: 9.5pt; }
        svg { width: 100%; height: auto; }
        section { break-inside: auto; }
        .no-data { border: 0.4mm solid #a66b00; background: #fff7e6; padding: 2mm 3mm; }
        footer { margin-top: 6mm; font-size: 8pt; color: #666; }
        """;

    public static string Page(string title, string body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(Text(title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        html.Append(body);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    public static string Text(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A count, or "no data" where the months it would count are not in the store.</summary>
    public static string Count(long? value) => value is { } v ? Count(v) : NoData;

    public const string NoData = "no data";

    /// <summary>A change with its sign ("+12", "-3" with an ASCII minus, "0"), or "no data".</summary>
    public static string Change(long? value) => value is not { } v ? NoData : v > 0 ? "+" + Count(v) : Count(v);

    /// <summary>A change in per cent to one decimal with its sign, or an en dash where there is no base to compare with.</summary>
    public static string Pct(double? value) => value is { } v
        ? (v > 0 ? "+" : "") + (v == 0 ? 0d : v).ToString("0.0", CultureInfo.InvariantCulture) + "%"
        : "–";

    public static string Decimal(double? value, string format = "0.00") => value is { } v ? (v == 0 ? 0d : v).ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>The class a change is shown in: a rise in red, a fall in green.</summary>
    public static string Trend(long? change) => change > 0 ? "n up" : change < 0 ? "n down" : "n";

    public static string MonthName(string month) =>
        DateTime.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"March to April 2018", "December 2017 to January 2018", or one month.</summary>
    public static string Describe(PerformancePeriod period)
    {
        if (period.From == period.To) return MonthName(period.From);
        var (from, to) = (MonthName(period.From), MonthName(period.To));
        return from[^4..] == to[^4..] ? $"{from[..^5]} to {to}" : $"{from} to {to}";
    }
}
