namespace HotSpots.Store;

/// <summary>
/// One version of a locality: a named set of wards (a Locality Action Group's patch). <paramref name="WardSet"/> is the
/// ward set its ward codes belong to (wards change at elections); a retired version ends the locality.
/// </summary>
public sealed record LocalityVersion(
    string Code, int Version, string Name, string WardSet, IReadOnlyList<string> Wards, string? ChangedBy, bool Retired, DateTimeOffset CreatedAt);

/// <summary>
/// Localities, versioned like zones: every change adds a version and history is never lost. They choose which wards a
/// report or a view covers and change nothing that monitors count, so they do not raise the geography revision.
/// </summary>
public interface ILocalityStore
{
    /// <summary>Every version of every locality (or of one), by code and then oldest first.</summary>
    Task<IReadOnlyList<LocalityVersion>> LocalityVersionsAsync(string? code = null, CancellationToken cancellationToken = default);

    /// <summary>Adds the next version of a locality (version 1 when it is new).</summary>
    Task<LocalityVersion> AddLocalityVersionAsync(
        string code, string name, string wardSet, IReadOnlyList<string> wards, string? changedBy, bool retired, CancellationToken cancellationToken = default);
}
