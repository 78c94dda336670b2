namespace HotSpots.Geography.Tests;

public sealed class AreaSamplerTests
{
    [Fact]
    public void Sampled_points_fall_inside_their_ward_and_spread_across_it()
    {
        var geography = GeographyModel.Load(new GeographyOptions());
        var ward = geography.Wards.Areas.Single(a => a.Name == "Tilbury St Chads");
        var sampler = new AreaSampler(ward);
        var random = new Random(5);

        var points = Enumerable.Range(0, 500).Select(_ => sampler.Next(random)).ToList();

        Assert.All(points, p => Assert.Equal(ward.Code, geography.Locate(p.Latitude, p.Longitude).Ward?.Code));
        Assert.True(points.Distinct().Count() == points.Count);
        var envelope = ward.Geometry.EnvelopeInternal;
        Assert.True(points.Max(p => p.Longitude) - points.Min(p => p.Longitude) > envelope.Width / 2);
    }
}
