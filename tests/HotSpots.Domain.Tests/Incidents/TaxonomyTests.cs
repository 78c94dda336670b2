using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Tests.Incidents;

public class TaxonomyTests
{
    [Fact]
    public void Every_category_round_trips_through_its_slug()
    {
        Assert.Equal(Categories.Count, Categories.All.Count);
        foreach (var category in Categories.All)
        {
            Assert.True(Categories.TryParse(category.Slug(), out var parsed));
            Assert.Equal(category, parsed);
        }
    }

    [Fact]
    public void The_asb_group_takes_police_and_council_asb_types()
    {
        Assert.Equal(
            ["anti-social-behaviour", "fly-tipping", "off-road-vehicle-nuisance", "youth-nuisance", "neighbour-nuisance"],
            CategoryGroup.Asb.Members.Select(c => c.Slug()));
        Assert.Equal(["deliberate-primary-fire", "deliberate-secondary-fire"], CategoryGroup.DeliberateFires.Members.Select(c => c.Slug()));
        Assert.Equal(Categories.Count, CategoryGroup.All.Members.Count());
    }

    [Fact]
    public void Unknown_group_names_are_not_parsed()
    {
        Assert.False(CategoryGroup.TryParse("fires", out _));
        Assert.False(Categories.TryParse("Anti-social behaviour", out _));
    }

    [Theory]
    [InlineData("Essex Police", "must be lower-case")]
    [InlineData("", "required")]
    public void Sources_must_be_slugs(string source, string reason)
    {
        Assert.Contains(reason, IncidentRules.CheckSource(source));
        Assert.Null(IncidentRules.CheckSource("essex-police"));
    }

    [Fact]
    public void Times_a_little_ahead_of_our_clock_are_accepted_but_the_future_is_not()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Null(IncidentRules.CheckNotFuture(OccurredAt.Exact(now.AddMinutes(4)), now));
        Assert.NotNull(IncidentRules.CheckNotFuture(OccurredAt.Exact(now.AddMinutes(6)), now));
        Assert.NotNull(IncidentRules.CheckNotFuture(OccurredAt.Month(2026, 2), now));
    }
}
