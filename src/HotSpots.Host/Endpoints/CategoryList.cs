using HotSpots.Domain.Incidents;

namespace HotSpots.Host.Endpoints;

/// <summary>A named group: its slug, what people call it, and the slugs of the categories it counts.</summary>
public sealed record GroupChoice(string Slug, string Label, IReadOnlyList<string> Categories);

/// <summary>A single category: its slug and what people call it.</summary>
public sealed record CategoryChoice(string Slug, string Label);

/// <summary>
/// Every group and category that heat, alerts and operations accept, with the words the dashboard shows for them. The
/// page asks for this list instead of keeping a copy that would fall behind when a category is added.
/// </summary>
public sealed record CategoryList(IReadOnlyList<GroupChoice> Groups, IReadOnlyList<CategoryChoice> Categories)
{
    private static readonly Dictionary<string, string> GroupLabels = new(StringComparer.Ordinal)
    {
        ["asb"] = "Anti-social behaviour",
        ["deliberate-fires"] = "Deliberate fires",
        ["violence"] = "Violence",
        ["all"] = "All incidents",
    };

    // police.uk's own names where the slug shortens them; every other slug reads well as words.
    private static readonly Dictionary<Category, string> CategoryLabels = new()
    {
        [Category.AntiSocialBehaviour] = "Anti-social behaviour",
        [Category.CriminalDamageArson] = "Criminal damage and arson",
        [Category.ViolentCrime] = "Violence and sexual offences",
        [Category.OffRoadVehicleNuisance] = "Off-road vehicle nuisance",
    };

    public static CategoryList Current { get; } = new(
        [.. CategoryGroup.Named.Select(g => new GroupChoice(g.Slug, GroupLabels[g.Slug], [.. g.Members.Select(c => c.Slug())]))],
        [.. HotSpots.Domain.Incidents.Categories.All.Select(c => new CategoryChoice(c.Slug(), CategoryLabels.GetValueOrDefault(c) ?? Words(c.Slug())))]);

    private static string Words(string slug) => char.ToUpperInvariant(slug[0]) + slug[1..].Replace('-', ' ');
}
