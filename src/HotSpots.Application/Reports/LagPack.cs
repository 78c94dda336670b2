namespace HotSpots.Application.Reports;

/// <summary>
/// A Locality Action Group's agenda pack: what is hot in the locality's wards and streets over a period of whole months,
/// how it is trending, which alerts fired and what was done, and how the operations touching it are doing. Serialised as
/// the API's JSON; <see cref="LagPackHtml"/> and <see cref="ReportWorkbook"/> print the same figures.
/// </summary>
/// <param name="Period">The months reported on.</param>
/// <param name="Previous">The same number of months just before.</param>
/// <param name="LastYear">The same months a year earlier.</param>
/// <param name="HasData">False when the locality's wards hold no recorded incident in the period.</param>
/// <param name="HotStreetsSource">Where the hot streets come from and what they count, printed under them.</param>
/// <param name="DataFrom">The first month (yyyy-MM) the store holds recorded incidents for among the months the pack looks at; counts before it are not zeros but unknown.</param>
public sealed record LagPack(
    string Locality,
    string LocalityName,
    string WardSet,
    PerformancePeriod Period,
    PerformancePeriod Previous,
    PerformancePeriod LastYear,
    DateTimeOffset DrawnAt,
    bool HasData,
    string? DataFrom,
    IReadOnlyList<LagHeadline> Headlines,
    IReadOnlyList<LagWardHeat> Wards,
    IReadOnlyList<LagHotStreet> HotStreets,
    string HotStreetsSource,
    IReadOnlyList<LagTrend> Trends,
    IReadOnlyList<LagAlert> Alerts,
    IReadOnlyList<LagOperation> Operations,
    IReadOnlyList<string> Coverage,
    IReadOnlyList<string> Notes);

/// <summary>
/// A category group's count in the period against the previous period and the same months last year; a comparison is
/// null where the store holds no data for those months (not a count of 0).
/// </summary>
/// <param name="ChangePct">Change on the previous period in per cent (one decimal); null when the previous count is 0 or unknown.</param>
/// <param name="YearChangePct">Change on the same months last year in per cent; null when that count is 0 or unknown.</param>
public sealed record LagHeadline(string Group, long Current, long? Previous, long? Change, double? ChangePct, long? LastYear, long? YearChange, double? YearChangePct);

/// <summary>
/// A ward of the locality ranked by heat against its own normal: the period's count against the mean of the twelve months
/// before (as many as data covers), scaled to the period's length.
/// </summary>
/// <param name="HasBaseline">False when the months before do not cover one whole period: the score then measures nothing.</param>
public sealed record LagWardHeat(int Rank, string Code, string Name, long Observed, double Expected, double Score, bool HasBaseline);

/// <summary>A repeat location (a street as police.uk describes it) of a ward, with its count.</summary>
public sealed record LagHotStreet(string Ward, string WardName, string Location, int Count);

/// <summary>A group's monthly counts in the locality, oldest first, from <paramref name="From"/> (yyyy-MM).</summary>
public sealed record LagTrend(string Group, string From, IReadOnlyList<long> Counts);

/// <summary>An alert raised in the period for one of the locality's wards or a zone touching it.</summary>
public sealed record LagAlert(
    string Id, string Area, string AreaName, string Group, string Severity, DateTimeOffset RaisedAt, string Status, string Explanation,
    string? HandledBy, string? Note, DateTimeOffset? ResolvedAt);

/// <summary>An operation with a zone in or touching the locality, and its evaluation reading zone by zone.</summary>
public sealed record LagOperation(string Id, string Name, string Type, IReadOnlyList<string> ActivePeriods, IReadOnlyList<LagZoneReading> Zones, IReadOnlyList<string> Notes);

/// <summary>One zone's reading (for the operation's first target group, over its own before and during periods).</summary>
public sealed record LagZoneReading(string Zone, string Name, string Group, string Reading);
