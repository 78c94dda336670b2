namespace HotSpots.Application.Reports;

/// <summary>
/// What an agenda pack is asked for: a locality (code or name, any case) and whole months read as the performance
/// summary reads them. With neither <c>from</c> nor <c>to</c> the period is the last two complete months, the usual span
/// between two meetings of a bimonthly group; with <c>to</c> alone, the two months ending there.
/// </summary>
public sealed record LagPackQuery(string Locality, PerformanceQuery Months)
{
    public const int DefaultMonths = 2;

    /// <exception cref="ReportInputException">No locality, or a month that cannot be read; the parameter is named.</exception>
    public static LagPackQuery Parse(string? locality, string? from, string? to)
    {
        if (string.IsNullOrWhiteSpace(locality)) throw new ReportInputException("locality", "locality is required: a locality's code or name");
        var months = PerformanceQuery.Parse(to, months: null, level: null, from: from);
        return new LagPackQuery(locality.Trim(), months.From is null ? months with { Months = DefaultMonths } : months);
    }
}
