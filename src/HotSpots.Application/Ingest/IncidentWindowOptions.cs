using HotSpots.Domain.Incidents;

namespace HotSpots.Application.Ingest;

/// <summary>
/// Bound from <c>HotSpots:Incidents</c>: the window of plausible incident times. A date like 0001-01-01 or 1900-01-01
/// is a partner's placeholder, not an incident, and one incident years before the rest skews an area's history.
/// </summary>
public sealed class IncidentWindowOptions
{
    /// <summary>The earliest time accepted (UTC).</summary>
    public DateTimeOffset Earliest { get; set; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead of this server's clock a time may be: partners' clocks drift.</summary>
    public TimeSpan MaxAhead { get; set; } = IncidentRules.ClockSkewAllowance;
}
