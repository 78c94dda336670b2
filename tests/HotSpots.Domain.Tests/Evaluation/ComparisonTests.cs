using HotSpots.Domain.Evaluation;

namespace HotSpots.Domain.Tests.Evaluation;

public class ComparisonTests
{
    [Fact]
    public void A_comparison_computes_gross_and_net_effects_and_reads_them_in_words()
    {
        var comparison = Comparison.Of("during", "anti-social behaviour", 1, r0: 120, r1: 50, d0: 80, d1: 70, c0: 400, c1: 400);

        Assert.Equal(-70, comparison.GrossEffect, 10);
        Assert.Equal(-58.333, comparison.Zone.Percent!.Value, 3);
        Assert.Equal(-70, comparison.NetIncidents!.Value, 10);
        // Bowers and Johnson's total net effect: the zone's -70 and the buffer's -10, both beyond a flat control.
        Assert.Equal(-80, comparison.TotalNetEffect!.Value, 10);
        Assert.False(comparison.TooFewInZone);
        Assert.Contains("Anti-social behaviour in the zone: 120 before, 50 during (−58%)", comparison.Reading);
        Assert.Contains("58% reduction", comparison.Reading);
        Assert.Contains("significant at the 5% level", comparison.Reading);
        Assert.Contains("diffusion of benefits", comparison.Reading);
    }

    [Fact]
    public void Tiny_counts_are_shown_but_no_effect_is_claimed()
    {
        var comparison = Comparison.Of("during", "deliberate fires", 1, r0: 6, r1: 2, d0: 3, d1: 1, c0: 200, c1: 210);

        Assert.True(comparison.TooFewInZone);
        Assert.Contains("Too few incidents to tell: 8 in the zone", comparison.Reading);
        Assert.Contains("No effect is claimed", comparison.Reading);
        Assert.DoesNotContain("reduction", comparison.Reading);
        Assert.DoesNotContain("WDQ", comparison.Reading);
    }

    [Fact]
    public void A_small_buffer_is_not_read_as_displacement()
    {
        var comparison = Comparison.Of("during", "violence", 1, r0: 60, r1: 30, d0: 3, d1: 5, c0: 500, c1: 480);

        Assert.True(comparison.TooFewInBuffer);
        Assert.Contains("too few incidents (fewer than 10) to say whether crime moved", comparison.Reading);
        Assert.DoesNotContain("WDQ", comparison.Reading);
    }

    [Fact]
    public void A_zone_whose_ASB_rose_from_20_to_26_against_the_rest_of_the_ward_set_reads_as_a_rise_that_could_be_chance()
    {
        var comparison = Comparison.Of("during", "anti-social behaviour", 1, r0: 20, r1: 26, d0: 15, d1: 14, c0: 6000, c1: 7400);

        Assert.Null(comparison.Refusal);
        Assert.Equal(20 / 6000.0, comparison.ControlWeight, 12);
        Assert.Equal(26 - 20 * 7400 / 6000.0, comparison.Wdd.Value, 10);
        Assert.False(comparison.Wdd.Significant);
        Assert.Contains("The control area had 300 times the zone's incidents before, so its change is scaled to the zone's size", comparison.Reading);
        Assert.Contains("5% increase", comparison.Reading);
        Assert.Contains("not significant: the change could be chance", comparison.Reading);
        Assert.Contains("weighted displacement difference is +1.3", comparison.Reading);
        Assert.DoesNotContain("% reduction", comparison.Reading);
        Assert.DoesNotContain("significant at the 5% level", comparison.Reading);
        Assert.Contains("Buffer: not weighed", comparison.Reading);
    }

    [Fact]
    public void A_rise_beyond_a_rising_control_of_wards_never_reads_as_a_significant_fall()
    {
        // Thurrock's wards as control: zone 60 -> 80, control 1500 -> 1800. The published WDD gave -280, "significant".
        var comparison = Comparison.Of("during", "anti-social behaviour", 1, r0: 60, r1: 80, d0: 40, d1: 41, c0: 1500, c1: 1800);

        Assert.Contains("11% increase", comparison.Reading);
        Assert.Contains("weighted displacement difference is +8.0", comparison.Reading);
        Assert.DoesNotContain("−", comparison.Reading.Split("In incidents:")[1].Split("(SE")[0]);
        Assert.False(comparison.Wdd.Significant);
    }

    [Fact]
    public void A_period_with_no_data_yet_is_not_scored_and_never_reads_as_a_hundred_per_cent_fall()
    {
        var comparison = Comparison.Of("after", "anti-social behaviour", 1, r0: 30, r1: 0, d0: 12, d1: 0, c0: 900, c1: 0);

        Assert.True(comparison.NoData);
        Assert.StartsWith("No anti-social behaviour is recorded in the after period yet, not even in the control area (900 before)", comparison.Refusal);
        Assert.Equal(comparison.Refusal, comparison.Reading);
        Assert.DoesNotContain("100%", comparison.Reading);
        Assert.Null(comparison.Net);
        Assert.Null(comparison.Wdq);
    }

    [Fact]
    public void Every_sentence_of_every_reading_agrees_on_direction_and_significance()
    {
        var checkedReadings = 0;
        foreach (var r0 in new[] { 20, 45, 120 })
            foreach (var r1 in new[] { 10, 30, 44, 60, 130 })
                foreach (var c0 in new[] { 50, 400, 6000 })
                    foreach (var trend in new[] { 0.7, 1.0, 1.25 })
                        foreach (var scale in new[] { 0.5, 1.0 })
                        {
                            var c1 = (int)(c0 * trend * scale);
                            var comparison = Comparison.Of("during", "asb", scale, r0, r1, d0: 30, d1: 25, c0, c1);
                            if (comparison.Refusal is not null || comparison.Net is not { } net) continue;
                            checkedReadings++;
                            Assert.Equal(net.Ratio < 1, comparison.Wdd.Value < 0);
                            Assert.Equal(comparison.Wdd.Significant, net.Significant);
                            Assert.Equal(comparison.Wdd.Significant, comparison.Reading.Contains("significant at the 5% level"));
                            Assert.Equal(net.Ratio < 1, comparison.Reading.Contains("% reduction"));
                            Assert.Equal(comparison.Wdq is not null, comparison.Wdd.Significant && net.Ratio < 1 && !comparison.TooFewInBuffer);
                        }
        Assert.True(checkedReadings > 200, $"{checkedReadings} readings checked");
    }

    [Fact]
    public void Zones_rank_by_net_effect_with_the_too_small_ones_last()
    {
        var periods = new EvaluationPeriods(
            new EvaluationPeriod("before", [new DayRange(0, 28)]), new EvaluationPeriod("during", [new DayRange(28, 56)]), null);
        ZoneEvaluation Zone(string code, int r0, int r1) => ZoneEvaluation.Of(periods,
            new ZoneFigures(code, code, Counts(r0, r1), Counts(40, 40), Counts(400, 400), 1, 1), "asb", null);

        var ranks = ZoneRanking.Rank([Zone("a", 50, 45), Zone("tiny", 5, 1), Zone("b", 50, 20), Zone("c", 50, 70)]);

        Assert.Equal(["b", "a", "c", "tiny"], ranks.Select(r => r.Zone));
        Assert.Equal([1, 2, 3, 4], ranks.Select(r => r.Rank));
        Assert.True(ranks[^1].TooFew);
        Assert.True(ranks[0].LowPercent < ranks[0].NetPercent && ranks[0].NetPercent < ranks[0].HighPercent);
    }

    [Fact]
    public void Rates_are_per_week_and_per_square_kilometre_and_unequal_periods_are_flagged()
    {
        var periods = new EvaluationPeriods(
            new EvaluationPeriod("before", [new DayRange(0, 56)]), new EvaluationPeriod("during", [new DayRange(56, 70), new DayRange(80, 94)]), null);
        var evaluation = ZoneEvaluation.Of(periods, new ZoneFigures("z", "Zone", Counts(56, 14), Counts(20, 20), Counts(300, 150), 0.5, 2), "asb", null);

        var zoneBefore = evaluation.Rates.Single(r => r.Area == "zone" && r.Period == "before");
        Assert.Equal(7, zoneBefore.PerWeek, 10);
        Assert.Equal(112, zoneBefore.PerSquareKm!.Value, 10);
        Assert.Null(evaluation.Rates.Single(r => r.Area == "control" && r.Period == "during").PerSquareKm);
        Assert.Equal(0.5, evaluation.During.Scale, 10);
        Assert.Contains(evaluation.Cautions, c => c.Contains("56 days") && c.Contains("28"));
    }

    private static AreaPeriods Counts(int before, int during) => new(new PeriodCount(before, 0), new PeriodCount(during, 0), null);
}
