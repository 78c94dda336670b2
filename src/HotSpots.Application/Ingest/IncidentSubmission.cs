namespace HotSpots.Application.Ingest;

/// <summary>An incident as a partner sends it: every field optional here so that each problem gets its own reason.</summary>
public sealed record IncidentSubmission(
    string? Source,
    string? SourceId,
    string? Category,
    string? OccurredAt,
    double? Latitude,
    double? Longitude,
    double? Easting,
    double? Northing,
    string? LocationText,
    string? Origin = null);

public enum IngestStatus
{
    Accepted,
    Duplicate,
    Rejected,
}

/// <summary>The outcome for one submitted item, in the order submitted.</summary>
public sealed record IngestItemResult(int Index, IngestStatus Status, string? Reason, string? Ward, IReadOnlyList<string>? Zones)
{
    public static IngestItemResult Rejected(int index, string reason) => new(index, IngestStatus.Rejected, reason, null, null);
}
