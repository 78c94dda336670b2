using HotSpots.Domain.Grid;

namespace HotSpots.Domain.Tests.Grid;

public sealed class EmergingHotSpotsTests
{
    public static TheoryData<string, int[], double[], EmergingPattern, EmergingPattern> Patterns() => new()
    {
        // Name, bins per step (oldest first), Gi* z per step, the hot pattern, and the cold one when both are mirrored.
        { "hot only in the last step", [0, 0, 0, 0, 0, 0, 0, 0, 0, 2], [0.1, -0.2, 0.3, 0, 0.5, -0.1, 0.2, 0.4, 0.1, 2.2], EmergingPattern.NewHotSpot, EmergingPattern.NewColdSpot },
        { "a final run of three", [0, 0, 0, 0, 0, 0, 0, 1, 2, 3], [0.1, 0.2, 0, -0.3, 0.2, 0.1, 0.4, 1.7, 2.1, 2.7], EmergingPattern.ConsecutiveHotSpot, EmergingPattern.ConsecutiveColdSpot },
        { "hot throughout and rising", [1, 1, 2, 2, 2, 2, 3, 3, 3, 3], [1.7, 1.8, 2.0, 2.1, 2.3, 2.4, 2.7, 2.9, 3.1, 3.4], EmergingPattern.IntensifyingHotSpot, EmergingPattern.IntensifyingColdSpot },
        { "hot throughout, no trend", [3, 2, 3, 2, 3, 2, 3, 2, 3, 2], [3.0, 2.5, 3.1, 2.4, 3.2, 2.6, 2.9, 2.7, 3.0, 2.8], EmergingPattern.PersistentHotSpot, EmergingPattern.PersistentColdSpot },
        { "hot throughout but falling", [3, 3, 3, 3, 2, 2, 2, 2, 1, 1], [3.4, 3.1, 2.9, 2.7, 2.4, 2.3, 2.1, 2.0, 1.8, 1.7], EmergingPattern.DiminishingHotSpot, EmergingPattern.DiminishingColdSpot },
        { "on and off, hot at the end", [0, 2, 0, 0, 1, 0, 2, 0, 0, 1], [0.3, 2.1, 0.2, 0.1, 1.7, 0.4, 2.0, 0.2, 0.5, 1.8], EmergingPattern.SporadicHotSpot, EmergingPattern.SporadicColdSpot },
        { "cold once, hot at the end", [-2, 0, 0, 2, 0, -1, 0, 0, 0, 2], [-2.1, 0, 0.3, 2.0, 0.1, -1.7, 0.2, 0.4, 0.3, 2.2], EmergingPattern.OscillatingHotSpot, EmergingPattern.OscillatingColdSpot },
        { "hot for nine steps, not the last", [2, 2, 3, 2, 2, 3, 2, 2, 1, 0], [2.2, 2.3, 2.8, 2.1, 2.4, 2.9, 2.2, 2.0, 1.7, 1.2], EmergingPattern.HistoricalHotSpot, EmergingPattern.HistoricalColdSpot },
        { "hot once, long ago", [0, 2, 0, 0, 0, 0, 0, 0, 0, 0], [0.1, 2.0, 0.3, 0.1, 0.2, 0.0, 0.1, 0.3, 0.2, 0.1], EmergingPattern.NoPattern, EmergingPattern.NoPattern },
        { "new, but cold before", [0, -1, 0, 0, 0, 0, 0, 0, 0, 2], [0.1, -1.8, 0.3, 0.1, 0.2, 0.0, 0.1, 0.3, 0.2, 2.1], EmergingPattern.OscillatingHotSpot, EmergingPattern.OscillatingColdSpot },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Each_pattern_ArcGIS_Pro_names_is_recognised_hot_and_mirrored_cold(string series, int[] bins, double[] z, EmergingPattern hot, EmergingPattern cold)
    {
        var steps = bins.Select((bin, i) => new CellScore(z[i], 0.5, bin)).ToList();
        var mirrored = bins.Select((bin, i) => new CellScore(-z[i], 0.5, -bin)).ToList();

        Assert.True(hot == EmergingHotSpots.Classify(steps).Pattern, series);
        Assert.True(cold == EmergingHotSpots.Classify(mirrored).Pattern, series);
    }

    [Fact]
    public void The_trend_is_tested_on_the_z_scores_and_steps_without_variance_count_as_zero()
    {
        CellScore[] steps = [CellScore.Undefined, new(1.0, 0.3, 0), new(2.0, 0.04, 2), new(3.0, 0.003, 3)];

        var result = EmergingHotSpots.Classify(steps);

        Assert.Equal(MannKendall.Test([0, 1, 2, 3]), result.Trend);
        Assert.Equal(EmergingPattern.ConsecutiveHotSpot, result.Pattern);
    }

    [Fact]
    public void An_empty_series_is_refused()
    {
        Assert.Throws<ArgumentException>(() => EmergingHotSpots.Classify([]));
    }
}
