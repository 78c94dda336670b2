using System.Security.Claims;

namespace HotSpots.Host.Security;

/// <summary>
/// Which incident sources a caller may write. A partner's key names its sources; ids are unique per source, so a key
/// that could write another partner's source could claim that partner's ids first and have its real incidents
/// refused as duplicates.
/// </summary>
public static class IngestSources
{
    public const string Claim = "hotspots:source";

    /// <summary>Why the caller may not write some of these sources, or null when it may write them all.</summary>
    public static string? Refusal(ClaimsPrincipal caller, IEnumerable<string?> sources)
    {
        var allowed = caller.FindAll(Claim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        // A key without named sources (HotSpots:Security:IngestKeys) may write any.
        if (allowed.Count == 0) return null;
        var foreign = sources.OfType<string>().Where(s => !allowed.Contains(s)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return foreign.Count == 0
            ? null
            : $"this key writes {string.Join(", ", allowed.Order(StringComparer.Ordinal))} only, not {string.Join(", ", foreign.Take(5))}; nothing was stored";
    }
}
