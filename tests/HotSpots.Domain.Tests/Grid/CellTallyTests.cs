using HotSpots.Domain.Grid;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Tests.Grid;

public sealed class CellTallyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 18, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_rolling_window_counts_exact_incidents_in_its_hours_and_dated_ones_only_for_whole_days_inside_it()
    {
        var tally = new CellTally();
        tally.Record(Category.AntiSocialBehaviour, OccurredAt.Exact(Now.AddHours(-2)), 560_010, 178_020);
        tally.Record(Category.AntiSocialBehaviour, OccurredAt.Exact(Now.AddHours(-30)), 560_010, 178_020);
        tally.Record(Category.AntiSocialBehaviour, OccurredAt.Day(2026, 11, 18), 560_010, 178_020);
        tally.Record(Category.AntiSocialBehaviour, OccurredAt.Month(2026, 11), 560_010, 178_020);

        var cell = new GridCell(2240, 712);
        Assert.Equal(1, tally.Sum(CellSize.Default, CategoryGroup.Asb, HeatWindow.Day, 0, Now)[cell]);
        Assert.Equal(3, tally.Sum(CellSize.Default, CategoryGroup.Asb, HeatWindow.Week, 0, Now)[cell]);
        Assert.Equal(4, tally.Sum(CellSize.Default, CategoryGroup.Asb, HeatWindow.Month, 2026 * 12 + 10, Now)[cell]);
        Assert.Empty(tally.Sum(CellSize.Default, CategoryGroup.Asb, HeatWindow.Month, 2026 * 12 + 9, Now));
    }

    [Fact]
    public void Any_cell_size_is_counted_from_the_same_points_and_harm_weights_sum_per_category()
    {
        var tally = new CellTally();
        tally.Record(Category.AntiSocialBehaviour, OccurredAt.Month(2026, 11), 560_110, 178_020);
        tally.Record(Category.ViolentCrime, OccurredAt.Month(2026, 11), 560_290, 178_020);
        tally.Record(Category.Burglary, OccurredAt.Month(2026, 11), 560_290, 178_020);
        var month = 2026 * 12 + 10;

        // 250 m cells split the points at easting 560,250; 300 m cells put them together.
        Assert.Equal(2, tally.Sum(CellSize.Default, CategoryGroup.All, HeatWindow.Month, month, Now).Count);
        Assert.Equal(3, tally.Sum(new CellSize(300), CategoryGroup.All, HeatWindow.Month, month, Now)[new GridCell(1867, 593)]);
        var weights = Enumerable.Repeat(1.0, Categories.Count).ToArray();
        weights[(int)Category.ViolentCrime] = 10;
        weights[(int)Category.Burglary] = 0;
        Assert.Equal(11, tally.Sum(new CellSize(300), CategoryGroup.All, HeatWindow.Month, month, Now, weights)[new GridCell(1867, 593)]);
    }

    [Fact]
    public void A_tally_read_back_from_its_bytes_counts_the_same()
    {
        var tally = new CellTally();
        tally.Record(Category.Drugs, OccurredAt.Exact(Now.AddHours(-1)), 575_123.9, 180_456.2);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) tally.Write(writer);
        buffer.Position = 0;

        var read = CellTally.Read(new BinaryReader(buffer));

        Assert.Equal(tally.Sum(new CellSize(100), CategoryGroup.All, HeatWindow.Day, 0, Now), read.Sum(new CellSize(100), CategoryGroup.All, HeatWindow.Day, 0, Now));
    }
}
