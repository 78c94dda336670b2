namespace HotSpots.Application.Reports;

/// <summary>Bound from <c>HotSpots:Reports</c>.</summary>
public sealed class ReportOptions
{
    /// <summary>
    /// Residents by area code (authority, locality or ward), for rates per 1,000. None is shipped: rates appear only for
    /// areas given here, and the table's source should be cited in <see cref="PopulationSource"/>.
    /// </summary>
    public Dictionary<string, long> Population { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Where the population figures come from (e.g. "ONS mid-2017 population estimates"), printed with the rates.</summary>
    public string? PopulationSource { get; set; }

    /// <summary>
    /// The Chromium that prints reports to PDF; blank looks for chromium (or Chrome) on the PATH. Where there is none, a
    /// PDF is refused as unavailable and the HTML can be printed from any browser.
    /// </summary>
    public string? Chromium { get; set; }
}
