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
        Assert.Contains("is significant at the 5% level", comparison.Reading);
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
