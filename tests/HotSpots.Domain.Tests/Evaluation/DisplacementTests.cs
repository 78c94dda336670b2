using HotSpots.Domain.Evaluation;

namespace HotSpots.Domain.Tests.Evaluation;

public class DisplacementTests
{
    [Fact]
    public void The_published_WDD_example_gives_minus_ten_with_a_standard_error_of_about_nineteen_and_is_not_significant()
    {
        // Wheeler and Ratcliffe (2018): treated 100 -> 80, control 100 -> 90.
        var wdd = Wdd.Of(rBefore: 100, rAfter: 80, cBefore: 100, cAfter: 90);

        Assert.Equal(-10, wdd.Value, 10);
        Assert.Equal(Math.Sqrt(370), wdd.StandardError, 10);
        Assert.Equal(19.24, wdd.StandardError, 2);
        Assert.Equal(-0.52, wdd.Z, 2);
        Assert.False(wdd.Significant);
        Assert.True(wdd.Low < 0 && wdd.High > 0);
    }

    [Fact]
    public void A_large_fall_against_a_flat_control_is_a_significant_WDD()
    {
        var wdd = Wdd.Of(rBefore: 120, rAfter: 50, cBefore: 400, cAfter: 400);

        Assert.Equal(-70, wdd.Value, 10);
        Assert.Equal(Math.Sqrt(970), wdd.StandardError, 10);
        // The control's own counts add variance: 120 -> 60 against the same control gives z = -1.92, not significant.
        Assert.False(Wdd.Of(120, 60, 400, 400).Significant);
        Assert.True(wdd.Significant);
        Assert.True(wdd.P < 0.05);
    }

    [Fact]
    public void Unequal_periods_scale_the_before_counts_and_reduce_to_the_published_test_at_equal_length()
    {
        // 60 days before and 30 during: before counts are halved, and their variance quartered.
        var scaled = Wdd.Of(rBefore: 200, rAfter: 80, cBefore: 200, cAfter: 90, scale: 0.5);

        Assert.Equal(-10, scaled.Value, 10);
        Assert.Equal(Math.Sqrt(80 + 90 + 0.25 * 400), scaled.StandardError, 10);
        Assert.Equal(Wdd.Of(100, 80, 100, 90, 1), Wdd.Of(100, 80, 100, 90));
    }

    [Fact]
    public void The_WDQ_follows_Bowers_and_Johnsons_formula_and_reads_diffusion_when_the_buffer_improves_too()
    {
        // Rb 100 -> Ra 50, Db 80 -> Da 60, Cb 200 -> Ca 190.
        // Success measure 50/190 - 100/200 = -0.236842; buffer measure 60/190 - 80/200 = -0.084211; WDQ = 0.355556.
        var wdq = Wdq.Of(rBefore: 100, rAfter: 50, dBefore: 80, dAfter: 60, cBefore: 200, cAfter: 190)!;

        Assert.Equal(50.0 / 190 - 100.0 / 200, wdq.SuccessMeasure, 12);
        Assert.Equal(60.0 / 190 - 80.0 / 200, wdq.BufferMeasure, 12);
        Assert.Equal(0.3556, wdq.Value!.Value, 4);
        Assert.Equal(WdqReading.Diffusion, wdq.Reading);
    }

    [Theory]
    [InlineData(40, WdqReading.DiffusionGreaterThanDirectEffect)]   // buffer 100 -> 40 beats the zone's 100 -> 50
    [InlineData(100, WdqReading.NoDisplacementOrDiffusion)]         // buffer flat, like the control
    [InlineData(120, WdqReading.DisplacementSmallerThanDirectEffect)] // +20 against the zone's -50
    [InlineData(180, WdqReading.DisplacementGreaterThanDirectEffect)] // +80 against -50
    public void The_WDQ_reading_follows_the_published_table(int bufferAfter, WdqReading expected)
    {
        var wdq = Wdq.Of(rBefore: 100, rAfter: 50, dBefore: 100, dAfter: bufferAfter, cBefore: 1000, cAfter: 1000)!;

        Assert.Equal(expected, wdq.Reading);
        Assert.Equal((bufferAfter - 100) / 1000.0 / (-50 / 1000.0), wdq.Value!.Value, 10);
    }

    [Fact]
    public void The_WDQ_does_not_apply_when_the_zone_did_not_improve_against_the_control()
    {
        var wdq = Wdq.Of(rBefore: 50, rAfter: 60, dBefore: 40, dAfter: 30, cBefore: 100, cAfter: 100)!;

        Assert.Equal(WdqReading.NoSuccess, wdq.Reading);
        Assert.Null(wdq.Value);
        Assert.Null(Wdq.Of(50, 40, 10, 10, 0, 100));
    }

    [Fact]
    public void A_control_weighted_to_the_zone_makes_the_WDD_the_zones_count_beyond_the_controls_trend()
    {
        // Zone 20 -> 26 against a control 300 times its size, 6000 -> 7400: the control's own +1400 is not the zone's effect.
        var published = Wdd.Of(rBefore: 20, rAfter: 26, cBefore: 6000, cAfter: 7400);
        var weighted = Wdd.Of(rBefore: 20, rAfter: 26, cBefore: 6000, cAfter: 7400, weight: 20 / 6000.0);

        Assert.Equal(-1394, published.Value, 10);
        Assert.True(published.Significant);
        Assert.Equal(26 - 20 * 7400 / 6000.0, weighted.Value, 10);
        Assert.Equal(Math.Sqrt(26 + 20 + Math.Pow(20 / 6000.0, 2) * (7400 + 6000)), weighted.StandardError, 10);
        Assert.False(weighted.Significant);
        // The period scale cancels out of the value (not the variance): R1 - R0*C1/C0 whatever the lengths.
        Assert.Equal(weighted.Value, Wdd.Of(40, 26, 12000, 7400, scale: 0.5, weight: 40 / 12000.0).Value, 10);
    }

    [Fact]
    public void The_net_effect_is_the_ratio_of_ratios_with_the_interval_of_the_weighted_WDD()
    {
        var wdd = Wdd.Of(rBefore: 100, rAfter: 80, cBefore: 100, cAfter: 90, weight: 1);
        var net = NetEffect.OfWdd(wdd, 80)!;

        Assert.Equal(0.8 / 0.9, net.Ratio, 12);
        Assert.Equal(-11.11, net.Percent, 2);
        Assert.Equal(1 + wdd.Low / 90, net.Low, 12);
        Assert.Equal(1 + wdd.High / 90, net.High, 12);
        Assert.Equal(wdd.Significant, net.Significant);
        Assert.Null(NetEffect.OfWdd(Wdd.Of(0, 10, 100, 100, weight: 0), 10));
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-1.0, 0.158655254)]
    public void The_normal_distribution_matches_its_tables(double z, double cdf)
    {
        Assert.Equal(cdf, Normal.Cdf(z), 6);
    }
}
