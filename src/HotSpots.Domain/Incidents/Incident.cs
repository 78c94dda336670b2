namespace HotSpots.Domain.Incidents;

/// <summary>
/// One incident as the system of record keeps it. Locations are always WGS84 here: grid references are converted
/// at the edge. There are deliberately no fields for people (victims, suspects, callers).
/// </summary>
public sealed record Incident(
    string Source,
    string SourceId,
    Category Category,
    OccurredAt OccurredAt,
    double Latitude,
    double Longitude,
    string? LocationText,
    IncidentOrigin Origin = IncidentOrigin.Recorded);
