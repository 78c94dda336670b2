namespace HotSpots.Geography.Tests;

public class MetricGeometryTests
{
    [Fact]
    public void A_circle_zone_holds_points_inside_its_radius_and_not_beyond()
    {
        var circle = MetricGeometry.Circle(51.4760, 0.3220, 450);
        var index = new AreaIndex([new Area("grip", "Grays", circle)]);
        var (e, n) = BritishNationalGrid.FromWgs84(51.4760, 0.3220);

        (double lat, double lon) At(double dx, double dy) => BritishNationalGrid.ToWgs84(e + dx, n + dy);

        foreach (var (dx, dy) in new[] { (0.0, 0.0), (400.0, 0.0), (0.0, -400.0), (300.0, 300.0) })
        {
            var (lat, lon) = At(dx, dy);
            Assert.NotNull(index.FindOne(lon, lat));
        }
        foreach (var (dx, dy) in new[] { (500.0, 0.0), (0.0, 500.0), (340.0, 340.0) })
        {
            var (lat, lon) = At(dx, dy);
            Assert.Null(index.FindOne(lon, lat));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void Nonsensical_radii_are_refused(double radius)
    {
        Assert.Throws<GeographyException>(() => MetricGeometry.Circle(51.5, 0.3, radius));
    }
}
