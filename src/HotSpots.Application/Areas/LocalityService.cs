using System.Text.RegularExpressions;
using HotSpots.Domain.Evaluation;
using HotSpots.Store;

namespace HotSpots.Application.Areas;

/// <summary>A locality as it stands: its latest version.</summary>
public sealed record Locality(string Code, string Name, string WardSet, IReadOnlyList<string> Wards, int Version, string? ChangedBy, DateTimeOffset ChangedAt, bool Retired)
{
    public static Locality Of(LocalityVersion v) => new(v.Code, v.Name, v.WardSet, v.Wards, v.Version, v.ChangedBy, v.CreatedAt, v.Retired);
}

/// <summary>What saving a locality did: the locality (and whether a version was added), or the problems, by field.</summary>
public sealed record LocalitySaveResult(Locality? Saved, bool Changed, IReadOnlyList<FieldProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Localities: named sets of wards of the current ward set, such as a Locality Action Group's patch. Creating, editing
/// and retiring is for administrators (the caller checks the role); every change is a new version, and one that changes
/// nothing adds none.
/// </summary>
public sealed partial class LocalityService(ILocalityStore store, GeographyCatalog catalog)
{
    public const int MaxNameLength = 100;
    public const int MaxWards = 1_000;

    /// <summary>Live localities (with <paramref name="includeRetired"/>, retired ones too), by code.</summary>
    public async Task<IReadOnlyList<Locality>> ListAsync(bool includeRetired = false, CancellationToken cancellationToken = default) =>
    [
        .. (await store.LocalityVersionsAsync(null, cancellationToken))
            .GroupBy(v => v.Code, StringComparer.Ordinal)
            .Select(g => Locality.Of(g.MaxBy(v => v.Version)!))
            .Where(l => includeRetired || !l.Retired),
    ];

    /// <summary>The locality's latest version (live or retired), or null when there never was one.</summary>
    public async Task<Locality?> GetAsync(string code, CancellationToken cancellationToken = default) =>
        (await store.LocalityVersionsAsync(code, cancellationToken)) is [.., var latest] ? Locality.Of(latest) : null;

    /// <summary>Every version of a locality, oldest first.</summary>
    public Task<IReadOnlyList<LocalityVersion>> HistoryAsync(string code, CancellationToken cancellationToken = default) =>
        store.LocalityVersionsAsync(code, cancellationToken);

    /// <summary>
    /// Creates a locality or gives it a new version. Its wards must be wards of the current ward set, each named once;
    /// a retired locality comes back to life.
    /// </summary>
    public async Task<LocalitySaveResult> PutAsync(string code, string? name, IReadOnlyList<string>? wards, string? changedBy, CancellationToken cancellationToken = default)
    {
        var (info, wardSet) = await catalog.CurrentWardSetAsync(cancellationToken);
        var problems = new List<FieldProblem>();
        if (!CodePattern().IsMatch(code ?? "")) problems.Add(new("code", "code must be 1-64 characters of a-z, 0-9, '-' and '_'"));
        if (string.IsNullOrWhiteSpace(name)) problems.Add(new("name", "name is required"));
        else if (name.Length > MaxNameLength || name.Any(char.IsControl)) problems.Add(new("name", $"name must be at most {MaxNameLength} characters, without control characters"));
        if (wards is null || wards.Count == 0) problems.Add(new("wards", "wards must name at least one ward"));
        else if (wards.Count > MaxWards) problems.Add(new("wards", $"wards may name at most {MaxWards} wards"));
        else
        {
            if (wards.Distinct(StringComparer.Ordinal).Count() != wards.Count) problems.Add(new("wards", "wards lists a ward twice"));
            var unknown = wards.Where(w => !wardSet.ByCode.ContainsKey(w ?? "")).Take(10).ToList();
            if (unknown.Count > 0) problems.Add(new("wards", $"not wards of the current ward set ({info.Id}): {string.Join(", ", unknown)}"));
        }
        if (problems.Count > 0) return new(null, false, problems);

        var trimmed = name!.Trim();
        var latest = await GetAsync(code!, cancellationToken);
        if (latest is { Retired: false } && latest.Name == trimmed && latest.WardSet == info.Id && latest.Wards.SequenceEqual(wards!, StringComparer.Ordinal))
            return new(latest, false, []);
        var added = await store.AddLocalityVersionAsync(code!, trimmed, info.Id, wards!, changedBy, retired: false, cancellationToken);
        return new(Locality.Of(added), true, []);
    }

    /// <summary>Retires a live locality (a version of its own, so its history stays); null when there is no live locality of that code.</summary>
    public async Task<Locality?> RetireAsync(string code, string? changedBy, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(code, cancellationToken) is not { Retired: false } live) return null;
        return Locality.Of(await store.AddLocalityVersionAsync(code, live.Name, live.WardSet, live.Wards, changedBy, retired: true, cancellationToken));
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex CodePattern();
}
