using HotSpots.Domain.Evaluation;

namespace HotSpots.Store;

/// <summary>
/// One version of a zone. <paramref name="Shape"/> is the zone's shape as JSON (a GeoJSON geometry, or a centre and
/// radius); <paramref name="Origin"/> is <c>configuration</c> or <c>api</c>; a retired version ends the zone.
/// </summary>
public sealed record ZoneVersion(string Code, int Version, string Name, string Shape, string Origin, bool Retired, DateTimeOffset CreatedAt);

/// <summary>A ward set loaded by an administrator; its features (GeoJSON) are read apart, as they are large.</summary>
public sealed record WardSetRecord(string Id, string Name, int Wards, DateTimeOffset LoadedAt);

/// <summary>
/// The versioned geography, the operations and the patrol log, kept in the incident store's file so that every node
/// sees the same. Every change to zones, ward sets or operations raises the geography revision, which nodes poll.
/// </summary>
public interface IOperationStore
{
    Task<long> GeographyRevisionAsync(CancellationToken cancellationToken = default);

    /// <summary>Every version of every zone (or of one), oldest first.</summary>
    Task<IReadOnlyList<ZoneVersion>> ZoneVersionsAsync(string? code = null, CancellationToken cancellationToken = default);

    /// <summary>Adds the next version of a zone (version 1 when it is new).</summary>
    Task<ZoneVersion> AddZoneVersionAsync(string code, string name, string shape, string origin, bool retired, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<WardSetRecord>> WardSetsAsync(CancellationToken cancellationToken = default);

    Task<string?> WardSetFeaturesAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Stores a ward set; false when a set of that id exists already (sets are never changed, only added).</summary>
    Task<bool> AddWardSetAsync(WardSetRecord set, string features, CancellationToken cancellationToken = default);

    Task<string?> CurrentWardSetAsync(CancellationToken cancellationToken = default);

    Task SetCurrentWardSetAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Operation>> OperationsAsync(CancellationToken cancellationToken = default);

    Task PutOperationAsync(Operation operation, CancellationToken cancellationToken = default);

    Task<bool> DeleteOperationAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Appends visits, idempotent on (source, sourceId): an outcome per visit, in order.</summary>
    Task<AppendOutcome[]> AppendPatrolsAsync(IReadOnlyList<PatrolVisit> visits, CancellationToken cancellationToken = default);

    /// <summary>Visits to a zone (any zone when null) starting in [from, to), in start order.</summary>
    Task<IReadOnlyList<PatrolVisit>> PatrolsAsync(string? zone, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
