namespace HotSpots.Domain.Incidents;

/// <summary>
/// A named set of categories, held as a bit mask so that summing a group over many buckets stays cheap.
/// The API and UI accept the four named groups and also any single category slug.
/// </summary>
public sealed record CategoryGroup(string Slug, uint Mask)
{
    public static readonly CategoryGroup Asb = Of("asb",
        Category.AntiSocialBehaviour, Category.FlyTipping, Category.OffRoadVehicleNuisance,
        Category.YouthNuisance, Category.NeighbourNuisance);

    public static readonly CategoryGroup DeliberateFires = Of("deliberate-fires",
        Category.DeliberatePrimaryFire, Category.DeliberateSecondaryFire);

    // Serious-violence work (Op Grip) counts robbery and weapons offences with violence against the person.
    public static readonly CategoryGroup Violence = Of("violence",
        Category.ViolentCrime, Category.Robbery, Category.PossessionOfWeapons);

    public static readonly CategoryGroup All = Of("all", [.. Categories.All]);

    public static IReadOnlyList<CategoryGroup> Named { get; } = [Asb, DeliberateFires, Violence, All];

    private static readonly CategoryGroup[] Singles = [.. Categories.All.Select(c => Of(c.Slug(), c))];

    /// <summary>The group of one category, named by the category's slug.</summary>
    public static CategoryGroup Single(Category category) => Singles[(int)category];

    public bool Includes(Category category) => (Mask & Bit(category)) != 0;

    public IEnumerable<Category> Members => Categories.All.Where(Includes);

    public static bool TryParse(string? slug, out CategoryGroup group)
    {
        group = Named.FirstOrDefault(g => g.Slug == slug)!;
        if (group is not null) return true;
        if (Categories.TryParse(slug, out var single))
        {
            group = Single(single);
            return true;
        }
        return false;
    }

    private static CategoryGroup Of(string slug, params Category[] members) =>
        new(slug, members.Aggregate(0u, (mask, c) => mask | Bit(c)));

    private static uint Bit(Category category) => 1u << (int)category;
}
