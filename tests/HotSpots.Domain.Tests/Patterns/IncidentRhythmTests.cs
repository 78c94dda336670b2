using HotSpots.Domain.Incidents;
using HotSpots.Domain.Patterns;

namespace HotSpots.Domain.Tests.Patterns;

public sealed class IncidentRhythmTests
{
    [Theory]
    [InlineData(Category.AntiSocialBehaviour)]
    [InlineData(Category.Shoplifting)]
    [InlineData(Category.DeliberateSecondaryFire)]
    public void Day_and_week_weights_average_one_so_shapes_move_incidents_without_adding_any(Category category)
    {
        Assert.Equal(1, Enumerable.Range(0, 24).Average(h => IncidentRhythm.Hour(category, h)), 9);
        Assert.Equal(1, Enum.GetValues<DayOfWeek>().Average(d => IncidentRhythm.Day(category, d)), 9);
        Assert.Equal(1, Enumerable.Range(1, 12).Average(m => IncidentRhythm.Season(category, m)), 9);
    }

    [Fact]
    public void ASB_peaks_on_Friday_and_Saturday_evenings_and_fires_around_bonfire_night()
    {
        var asb = Category.AntiSocialBehaviour;
        Assert.True(IncidentRhythm.Hour(asb, 19) > 3 * IncidentRhythm.Hour(asb, 4));
        Assert.True(IncidentRhythm.Day(asb, DayOfWeek.Saturday) > IncidentRhythm.Day(asb, DayOfWeek.Tuesday));
        Assert.Equal(3, IncidentRhythm.Occasion(Category.DeliberateSecondaryFire, new DateOnly(2026, 11, 5)));
        Assert.Equal(1, IncidentRhythm.Occasion(Category.DeliberateSecondaryFire, new DateOnly(2026, 11, 8)));
        Assert.Equal(1, IncidentRhythm.Occasion(Category.Burglary, new DateOnly(2026, 11, 5)));
    }
}
