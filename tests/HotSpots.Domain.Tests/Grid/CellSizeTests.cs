using HotSpots.Domain.Grid;

namespace HotSpots.Domain.Tests.Grid;

public sealed class CellSizeTests
{
    [Fact]
    public void A_point_falls_in_the_cell_counted_from_the_national_grid_origin()
    {
        var size = new CellSize(250);

        Assert.Equal(new GridCell(2400, 720), size.CellAt(600_125, 180_249.9));
        Assert.Equal(new GridCell(2401, 721), size.CellAt(600_250, 180_250));
        Assert.Equal((600_000d, 180_000d), size.SouthWestOf(new GridCell(2400, 720)));
        Assert.Equal((600_125d, 180_125d), size.CentreOf(new GridCell(2400, 720)));
    }

    [Fact]
    public void A_point_west_of_the_origin_rounds_down_not_towards_zero()
    {
        Assert.Equal(new GridCell(-1, 0), new CellSize(100).CellAt(-0.5, 50));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(1001)]
    [InlineData(0)]
    public void A_cell_outside_100_to_1000_metres_is_refused(int metres)
    {
        Assert.False(CellSize.IsAllowed(metres));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CellSize(metres));
    }

    [Fact]
    public void The_default_cell_is_250_metres()
    {
        Assert.Equal(250, CellSize.Default.Metres);
    }
}
