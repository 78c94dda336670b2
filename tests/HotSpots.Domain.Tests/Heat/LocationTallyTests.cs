using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Tests.Heat;

public sealed class LocationTallyTests
{
    private const int November2026 = 2026 * 12 + 10;

    [Fact]
    public void Repeat_locations_count_the_group_over_twelve_months_and_leave_out_single_incidents()
    {
        var tally = new LocationTally();
        tally.Record(Category.FlyTipping, "On or near Bridge Road", November2026);
        tally.Record(Category.YouthNuisance, "On or near Bridge Road", November2026 - 11);
        tally.Record(Category.YouthNuisance, "On or near Bridge Road", November2026 - 12);
        tally.Record(Category.Burglary, "On or near Bridge Road", November2026);
        tally.Record(Category.AntiSocialBehaviour, "On or near Alma Street", November2026);
        tally.Record(Category.AntiSocialBehaviour, "On or near Alma Street", November2026 - 1);
        tally.Record(Category.AntiSocialBehaviour, "On or near Quarry Hill", November2026);
        tally.Record(Category.AntiSocialBehaviour, null, November2026);
        tally.Record(Category.AntiSocialBehaviour, " ", November2026);

        var top = tally.Top(CategoryGroup.Asb, November2026, 10);

        Assert.Equal([new LocationCount("On or near Alma Street", 2), new LocationCount("On or near Bridge Road", 2)], top);
        Assert.Equal([new LocationCount("On or near Alma Street", 2)], tally.Top(CategoryGroup.Asb, November2026, 1));
        Assert.Empty(tally.Top(CategoryGroup.DeliberateFires, November2026, 10));
    }

    [Fact]
    public void A_location_leaves_the_list_when_its_months_roll_out_of_the_year()
    {
        var tally = new LocationTally();
        tally.Record(Category.DeliberateSecondaryFire, "On or near Rec Ground", November2026 - 5);
        tally.Record(Category.DeliberateSecondaryFire, "On or near Rec Ground", November2026 - 5);

        Assert.Single(tally.Top(CategoryGroup.DeliberateFires, November2026, 5));
        Assert.Empty(tally.Top(CategoryGroup.DeliberateFires, November2026 + 7, 5));
    }
}
