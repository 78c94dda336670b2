using HotSpots.Domain.Grid;

namespace HotSpots.Domain.Tests.Grid;

public sealed class HotStreetRuleTests
{
    [Theory]
    [InlineData(3, true)]
    [InlineData(2, true)]
    [InlineData(1, false)]
    [InlineData(0, false)]
    [InlineData(-3, false)]
    public void A_cell_is_hot_for_hot_streets_only_at_95_or_99_percent_confidence(int bin, bool hot)
    {
        Assert.Equal(hot, HotStreetRule.IsHot(new CellScore(bin * 1.0, 0.01, bin)));
    }

    [Fact]
    public void Hot_streets_are_repeat_locations_most_first_then_by_description_and_cell_and_cut_at_the_list_length()
    {
        var a = new GridCell(10, 20);
        var b = new GridCell(11, 19);
        var counts = new Dictionary<(GridCell Cell, string Location), int>
        {
            [(a, "On or near High Street")] = 4,
            [(a, "On or near Station Road")] = 1,
            [(b, "On or near Bridge Road")] = 4,
            [(b, "On or near High Street")] = 4,
            [(b, "On or near Park Lane")] = 2,
        };

        var ranked = HotStreetRule.Rank(counts, 3).ToList();

        Assert.Equal(
            [(b, "On or near Bridge Road", 4), (b, "On or near High Street", 4), (a, "On or near High Street", 4)],
            ranked);
        Assert.DoesNotContain(HotStreetRule.Rank(counts, 10), s => s.Location == "On or near Station Road");
    }
}
