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
    public void Times_inside_the_window_are_accepted_and_those_before_it_or_beyond_it_are_not()
    {
        var earliest = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var latest = new DateTimeOffset(2026, 1, 1, 12, 5, 0, TimeSpan.Zero);
        Assert.Null(IncidentRules.CheckWithin(OccurredAt.Exact(latest.AddMinutes(-1)), earliest, latest));
        Assert.Null(IncidentRules.CheckWithin(OccurredAt.Day(2000, 1, 1), earliest, latest));
        Assert.Equal("occurredAt 2026-01-01T12:06:00Z is in the future", IncidentRules.CheckWithin(OccurredAt.Exact(latest.AddMinutes(1)), earliest, latest));
        Assert.NotNull(IncidentRules.CheckWithin(OccurredAt.Month(2026, 2), earliest, latest));
        Assert.Equal("occurredAt 1999-12 is before 2000-01-01, the earliest date accepted", IncidentRules.CheckWithin(OccurredAt.Month(1999, 12), earliest, latest));
    }
}
