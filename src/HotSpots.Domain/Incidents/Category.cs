namespace HotSpots.Domain.Incidents;

/// <summary>Incident categories: police.uk crime types, fire-service deliberate fires and council ASB types.</summary>
public enum Category : byte
{
    AntiSocialBehaviour,
    CriminalDamageArson,
    ViolentCrime,
    PublicOrder,
    Drugs,
    PossessionOfWeapons,
    Burglary,
    Robbery,
    VehicleCrime,
    Shoplifting,
    TheftFromThePerson,
    BicycleTheft,
    OtherTheft,
    OtherCrime,
    DeliberatePrimaryFire,
    DeliberateSecondaryFire,
    FlyTipping,
    OffRoadVehicleNuisance,
    YouthNuisance,
    NeighbourNuisance,
}

public static class Categories
{
    public const int Count = 20;

    private static readonly string[] Slugs =
    [
        "anti-social-behaviour", "criminal-damage-arson", "violent-crime", "public-order", "drugs",
        "possession-of-weapons", "burglary", "robbery", "vehicle-crime", "shoplifting",
        "theft-from-the-person", "bicycle-theft", "other-theft", "other-crime",
        "deliberate-primary-fire", "deliberate-secondary-fire",
        "fly-tipping", "off-road-vehicle-nuisance", "youth-nuisance", "neighbour-nuisance",
    ];

    private static readonly Dictionary<string, Category> BySlug =
        Slugs.Select((slug, i) => (slug, category: (Category)i)).ToDictionary(x => x.slug, x => x.category, StringComparer.Ordinal);

    public static IReadOnlyList<Category> All { get; } = Enum.GetValues<Category>();

    public static string Slug(this Category category) => Slugs[(int)category];

    public static bool TryParse(string? slug, out Category category) =>
        BySlug.TryGetValue(slug ?? "", out category);
}
