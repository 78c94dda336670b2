using System.Globalization;
using System.Text;

namespace HotSpots.Application.Reports;

/// <summary>
/// A performance summary as CSV, one row per area and category or group: the seven columns the board's tables are built
/// from first, then the rest. UTF-8 with a byte order mark (so Excel on Windows reads names correctly), plain numbers
/// with '.' decimals and an ASCII minus, blank where a figure does not exist (a change in per cent from 0).
/// </summary>
public static class PerformanceCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly string[] Header =
    [
        "area_code", "area_name", "category", "previous", "current", "difference", "difference_pct",
        "kind", "parent_code", "parent_name", "share_pct", "rank", "rank_of", "rate_per_1000", "concentration_wards", "concentration_pct",
    ];

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The whole file: a report is a few thousand rows at most, written to memory before it is sent.</summary>
    public static byte[] ToBytes(PerformanceSummary summary)
    {
        using var buffer = new MemoryStream();
        using var writer = new StreamWriter(buffer, Utf8WithBom) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(",", Header));
        foreach (var row in summary.Rows)
        {
            string?[] cells =
            [
                row.AreaCode, row.AreaName, row.Category, N(row.Previous), N(row.Current), N(row.Difference), N(row.DifferencePct, "0.0"),
                row.Kind, row.ParentCode, row.ParentName, N(row.SharePct, "0.0"), N(row.Rank), N(row.RankOf), N(row.RatePer1000, "0.00"),
                row.ConcentrationWards is { } wards ? N(wards) : null, N(row.ConcentrationPct, "0.0"),
            ];
            writer.WriteLine(string.Join(",", cells.Select(CsvText.Cell)));
        }
        writer.Flush();
        return buffer.ToArray();
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    // A figure rounded to -0.0 is printed as 0.0: a minus on nothing would read as a fall.
    private static string? N(double? value, string format) => value is { } v ? (v == 0 ? 0d : v).ToString(format, CultureInfo.InvariantCulture) : null;
}
