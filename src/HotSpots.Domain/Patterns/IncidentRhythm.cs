using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Patterns;

/// <summary>
/// When in the day and week incidents happen, as relative weights (mean 1). ASB and deliberate fires are heavier in
/// the evening and at weekends: police.uk does not publish times, so the shapes follow the pattern the Home Office
/// and fire-service statistics describe (ASB calls peak between 16:00 and 22:00 and on Friday and Saturday nights;
/// secondary fires, mostly refuse and grass, peak in the early evening and at weekends and school holidays). Other
/// crime is flatter, with a daytime bulge (shops and roads are busy). Deliberate fires also follow the year: more in
/// spring and summer (dry grass and refuse), fewer in winter, and a peak around Bonfire Night.
/// </summary>
public static class IncidentRhythm
{
    private static readonly double[] EveningHours = Normalise(
        [0.5, 0.4, 0.3, 0.3, 0.3, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 1.0, 1.1, 1.3, 1.6, 1.8, 1.9, 1.9, 1.8, 1.5, 1.1, 0.8]);

    private static readonly double[] DaytimeHours = Normalise(
        [0.6, 0.5, 0.4, 0.3, 0.3, 0.3, 0.5, 0.7, 0.9, 1.1, 1.2, 1.3, 1.3, 1.3, 1.3, 1.4, 1.4, 1.4, 1.3, 1.2, 1.1, 1.0, 0.9, 0.7]);

    /// <summary>Monday first, as <see cref="DayOfWeek"/> is not.</summary>
    private static readonly double[] WeekendHeavy = Normalise([0.9, 0.85, 0.9, 0.95, 1.15, 1.3, 1.15]);

    private static readonly double[] Flat = Normalise([1, 1, 1, 1, 1.05, 1.05, 0.95]);

    private static readonly double[] FireMonths = Normalise([0.6, 0.7, 1.0, 1.4, 1.4, 1.2, 1.2, 1.1, 0.9, 0.8, 1.0, 0.6]);

    public static bool IsEveningHeavy(Category category) => category is Category.AntiSocialBehaviour or Category.YouthNuisance
        or Category.OffRoadVehicleNuisance or Category.DeliberatePrimaryFire or Category.DeliberateSecondaryFire or Category.CriminalDamageArson
        or Category.PublicOrder or Category.NeighbourNuisance;

    /// <summary>The weight of an hour of the day (0–23, UK local clock) for a category.</summary>
    public static double Hour(Category category, int hour) => (IsEveningHeavy(category) ? EveningHours : DaytimeHours)[hour];

    /// <summary>The weight of a day of the week for a category.</summary>
    public static double Day(Category category, DayOfWeek day) => (IsEveningHeavy(category) ? WeekendHeavy : Flat)[((int)day + 6) % 7];

    /// <summary>Relative weight (mean about 1 over a year) of a month for deliberate fires; 1 for everything else.</summary>
    public static double Season(Category category, int month) =>
        category is Category.DeliberatePrimaryFire or Category.DeliberateSecondaryFire ? FireMonths[month - 1] : 1;

    /// <summary>Extra weight on the days around 5 November for deliberate fires (fireworks, bonfires, bins).</summary>
    public static double Occasion(Category category, DateOnly day) =>
        category is Category.DeliberatePrimaryFire or Category.DeliberateSecondaryFire && day.Month == 11 && day.Day is >= 4 and <= 6 ? 3 : 1;

    /// <summary>How much more (or less) likely than average an incident of the category is in this hour of UK time.</summary>
    public static double At(Category category, DateTime ukLocal) =>
        Hour(category, ukLocal.Hour) * Day(category, ukLocal.DayOfWeek) * Season(category, ukLocal.Month) * Occasion(category, DateOnly.FromDateTime(ukLocal));

    /// <summary>Picks an hour of the day in proportion to the category's weights.</summary>
    public static int PickHour(Category category, Random random)
    {
        var weights = IsEveningHeavy(category) ? EveningHours : DaytimeHours;
        var x = random.NextDouble() * 24;
        for (var h = 0; h < 24; h++)
        {
            if ((x -= weights[h]) < 0) return h;
        }
        return 23;
    }

    private static double[] Normalise(double[] weights)
    {
        var mean = weights.Average();
        return [.. weights.Select(w => w / mean)];
    }
}
