using System.Text.RegularExpressions;

namespace HotSpots.Geography;

/// <summary>A local authority district: its ONS code and name.</summary>
public sealed record LocalAuthority(string Code, string Name);

/// <summary>
/// Which local authority each ward belongs to, and what authorities are called. Names come from configuration first,
/// then from the table shipped here, then the code itself.
/// </summary>
public static partial class LocalAuthorities
{
    /// <summary>
    /// The 14 districts of the Essex Police force area (the reference customer's county), from the Office for National
    /// Statistics' "Local Authority Districts (December 2013) Names and Codes in the United Kingdom" (ONS Open
    /// Geography Portal; Open Government Licence v3.0), the year of the shipped 2013 ward boundaries.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Shipped { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["E06000033"] = "Southend-on-Sea",
        ["E06000034"] = "Thurrock",
        ["E07000066"] = "Basildon",
        ["E07000067"] = "Braintree",
        ["E07000068"] = "Brentwood",
        ["E07000069"] = "Castle Point",
        ["E07000070"] = "Chelmsford",
        ["E07000071"] = "Colchester",
        ["E07000072"] = "Epping Forest",
        ["E07000073"] = "Harlow",
        ["E07000074"] = "Maldon",
        ["E07000075"] = "Rochford",
        ["E07000076"] = "Tendring",
        ["E07000077"] = "Uttlesford",
    };

    /// <summary>Thurrock, whose wards the demo geography approximates.</summary>
    public const string Thurrock = "E06000034";

    /// <summary>
    /// True for an ONS district-level code: English unitary, non-metropolitan, metropolitan and London boroughs (E06–E09),
    /// Welsh (W06), Scottish (S12) and Northern Irish (N09) councils. Ward codes (E05...) are not.
    /// </summary>
    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>The authority a boundary file is named after (<c>E06000034.geojson</c>), or null.</summary>
    public static string? OfFileName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return IsCode(name) ? name : null;
    }

    public static LocalAuthority Describe(string code, GeographyOptions options) =>
        new(code, options.Authorities.GetValueOrDefault(code)?.Name is { Length: > 0 } configured ? configured : Shipped.GetValueOrDefault(code, code));

    /// <summary>The wards with the authorities configuration gives them, over what their boundary files said.</summary>
    public static IReadOnlyList<Area> Assign(IEnumerable<Area> wards, GeographyOptions options)
    {
        var configured = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (authority, settings) in options.Authorities)
        {
            foreach (var ward in settings.Wards)
            {
                if (!configured.TryAdd(ward, authority) && configured[ward] != authority)
                    throw new GeographyException($"ward {ward} is configured in two authorities, {configured[ward]} and {authority}");
            }
        }
        return [.. wards.Select(w => configured.TryGetValue(w.Code, out var authority) ? w with { Authority = authority } : w)];
    }

    [GeneratedRegex("^(E0[6-9]|W06|S12|N09)[0-9]{6}$")]
    private static partial Regex CodePattern();
}
