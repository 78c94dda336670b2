using HotSpots.Domain.Alerts;
using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Tests.Alerts;

public sealed class DetectorTests
{
    [Fact]
    public void EARS_C1_compares_today_with_the_mean_and_sample_deviation_of_the_seven_days_before()
    {
        // Baseline 1,2,3,1,2,3,1: mean 13/7, sample variance (29 − 169/7)/6.
        int[] days = [1, 2, 3, 1, 2, 3, 1, 8];
        var mean = 13 / 7d;
        var sigma = Math.Sqrt((29 - 169 / 7d) / 6);

        var c1 = Ears.C1(days, minSigma: 0);

        Assert.Equal(mean, c1.Mean, 9);
        Assert.Equal(sigma, c1.Sigma, 9);
        Assert.Equal((8 - mean) / sigma, c1.Statistic, 9);
    }

    [Fact]
    public void EARS_C2_leaves_a_two_day_guard_band_so_a_building_spike_does_not_raise_its_own_baseline()
    {
        int[] days = [1, 2, 3, 1, 2, 3, 1, 9, 9, 5];

        var c2 = Ears.C2(days, minSigma: 0);

        Assert.Equal(13 / 7d, c2.Mean, 9);
        Assert.Equal((5 - 13 / 7d) / Math.Sqrt((29 - 169 / 7d) / 6), c2.Statistic, 9);
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(3, 3.0)]
    public void A_zero_baseline_is_read_through_the_sigma_floor_so_one_incident_does_not_alarm(int today, double expected)
    {
        int[] days = [0, 0, 0, 0, 0, 0, 0, 0, 0, today];

        var c2 = Ears.C2(days, minSigma: 1);

        Assert.Equal(expected, c2.Statistic, 9);
        Assert.Equal(0, c2.Mean);
    }

    [Fact]
    public void EARS_C3_sums_the_excess_of_C2_over_one_on_today_and_the_two_days_before()
    {
        // Zero baselines throughout, floor 1: C2 is 2, 3 and 4 on the last three days; C3 = 1 + 2 + 3.
        int[] days = [0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 4];

        Assert.Equal(6, Ears.C3(days, minSigma: 1).Statistic, 9);
    }

    [Fact]
    public void Drills_add_to_the_day_observed_and_never_to_the_baseline()
    {
        int[] days = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        int[] drills = [5, 5, 5, 5, 5, 5, 5, 0, 0, 4];

        var c2 = Ears.C2(days, minSigma: 1, drills);

        Assert.Equal((0, 5.0), (c2.Mean, c2.Statistic));
    }

    [Fact]
    public void The_Poisson_tail_is_the_chance_of_that_many_or_more()
    {
        Assert.Equal(1 - Math.Exp(-0.4), Poisson.UpperTail(1, 0.4), 12);
        Assert.Equal(1 - Math.Exp(-2) * (1 + 2 + 2), Poisson.UpperTail(3, 2), 12);
        Assert.Equal(1, Poisson.UpperTail(0, 3));
        Assert.Equal(0, Poisson.UpperTail(1, 0));
    }

    [Fact]
    public void The_Poisson_CUSUM_accumulates_counts_above_its_reference_value()
    {
        var k = 1 / Math.Log(2);

        Assert.Equal(2 * (3 - k), PoissonCusum.Run([0, 0, 3, 3], k), 9);
        Assert.Equal(3 - k, PoissonCusum.Run([3, 0, 0, 3], k), 9);
    }

    [Fact]
    public void The_CUSUM_design_takes_k_from_the_rates_and_h_from_the_wanted_run_length()
    {
        var design = PoissonCusum.Design(inControlRate: 0.5, shiftRatio: 2, targetRunLength: 365);

        Assert.Equal(0.5 / Math.Log(2), design.K, 9);
        Assert.True(design.InControlRunLength >= 365);
        // h is the smallest (to the chain's step of 1/20) that reaches the target.
        Assert.True(PoissonCusum.RunLength(0.5, design.K, design.H - 0.05) < 365);
    }

    [Theory]
    [InlineData(50, 1.05, 3_650)]
    [InlineData(1_000, 1.1, 87_600)]
    public void A_CUSUM_design_at_the_far_ends_of_what_a_rule_allows_is_quick_and_still_reaches_its_run_length(double rate, double shiftRatio, double runLength)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        var design = PoissonCusum.Design(rate, shiftRatio, runLength);

        // These took 3 minutes and 25 seconds at 1/20 steps, inside alert evaluation.
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(3));
        Assert.True(design.InControlRunLength >= runLength);
    }

    [Fact]
    public void The_run_length_from_the_Markov_chain_agrees_with_a_simulation()
    {
        const double rate = 0.8, k = 1.2, h = 3;
        var random = new Random(42);
        double total = 0;
        const int runs = 4000;
        for (var r = 0; r < runs; r++)
        {
            double s = 0;
            var n = 0;
            do
            {
                n++;
                s = Math.Max(0, s + SamplePoisson(random, rate) - k);
            }
            while (s < h);
            total += n;
        }

        Assert.Equal(total / runs, PoissonCusum.RunLength(rate, k, h), total / runs * 0.08);
    }

    [Fact]
    public void Benjamini_Hochberg_steps_up_from_the_largest_p_value_that_clears_its_rank()
    {
        Assert.Equal([true, true, true, true, false], BenjaminiHochberg.Reject([0.01, 0.04, 0.03, 0.005, 0.2], 0.05));
        // Each alone would fail 0.05/3; together they clear rank 3.
        Assert.Equal([true, true, true], BenjaminiHochberg.Reject([0.04, 0.04, 0.04], 0.05));
        Assert.Equal([false, false], BenjaminiHochberg.Reject([0.03, 0.9], 0.05));
    }

    [Fact]
    public void Twenty_quiet_wards_tested_together_give_far_fewer_alarms_than_each_tested_alone()
    {
        var random = new Random(7);
        int alone = 0, together = 0;
        for (var day = 0; day < 2000; day++)
        {
            var p = Enumerable.Range(0, 20).Select(_ => random.NextDouble()).ToList();
            alone += p.Count(x => x <= 0.05);
            together += BenjaminiHochberg.Reject(p, 0.05).Count(r => r);
        }

        // Under the null about 1 in 20 tests is below 0.05 (2,000 of 40,000); BH keeps the days with any alarm near 5%.
        Assert.InRange(alone, 1700, 2300);
        Assert.True(together < alone / 10, $"{together} with BH against {alone} alone");
    }

    [Fact]
    public void A_threshold_rule_counts_the_last_hours_with_drills_and_expects_from_the_recorded_days()
    {
        var days = new int[AreaSignal.DaysHeld];
        Array.Fill(days, 2);
        var hours = new int[AreaSignal.HoursHeld];
        hours[^1] = 3;
        hours[^24] = 1;
        hours[^25] = 5;
        var drillHours = new int[AreaSignal.HoursHeld];
        drillHours[^2] = 1;
        var signal = new AreaSignal(days, new int[AreaSignal.DaysHeld], hours, drillHours);
        var rule = new AlertRule { Id = "t", Method = DetectorMethod.Threshold, Group = CategoryGroup.DeliberateFires, Count = 5 };

        var evidence = RuleEvaluator.Evaluate(rule, signal);

        Assert.Equal((5, 2.0, true, "24h"), (evidence.Observed, evidence.Expected, evidence.Fires, evidence.Window));
    }

    [Theory]
    [InlineData(4, 1, true)]
    [InlineData(5, 1, false)]
    [InlineData(5, 0, false)]
    public void A_finding_is_a_drills_only_when_the_rule_would_stay_silent_without_the_drill_incidents(int recorded, int drills, bool drillOnly)
    {
        var days = new int[AreaSignal.DaysHeld];
        var hours = new int[AreaSignal.HoursHeld];
        hours[^2] = recorded;
        var drillHours = new int[AreaSignal.HoursHeld];
        drillHours[^1] = drills;
        var rule = new AlertRule { Id = "t", Method = DetectorMethod.Threshold, Group = CategoryGroup.DeliberateFires, Count = 5 };

        var evidence = RuleEvaluator.Evaluate(rule, new AreaSignal(days, new int[AreaSignal.DaysHeld], hours, drillHours));
        var alert = new Alert
        {
            Id = "a",
            Area = new AlertArea("wards", "E05002247", "Tilbury St Chads"),
            Group = "deliberate-fires",
            Evidence = [evidence],
            RaisedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        };

        Assert.True(evidence.Fires);
        Assert.Equal(drillOnly, evidence.DrillOnly);
        Assert.Equal(drillOnly ? IncidentOrigin.Drill : IncidentOrigin.Recorded, alert.Origin);
        Assert.Equal(drillOnly, alert.Explanation.StartsWith("DRILL (training, not real incidents): 5 deliberate fires in Tilbury St Chads", StringComparison.Ordinal));
    }

    [Fact]
    public void An_hourly_CUSUM_runs_over_the_last_24_hours_against_the_hourly_baseline_rate()
    {
        var days = new int[AreaSignal.DaysHeld];
        Array.Fill(days, 12);
        var hours = new int[AreaSignal.HoursHeld];
        hours[^3] = 6;
        hours[^25] = 50;
        var rule = new AlertRule { Id = "h", Method = DetectorMethod.Cusum, Group = CategoryGroup.Asb, Hourly = true, MinCount = 1, RunLengthDays = 30 };

        var evidence = RuleEvaluator.Evaluate(rule, new AreaSignal(days, new int[AreaSignal.DaysHeld], hours, new int[AreaSignal.HoursHeld]));
        var design = PoissonCusum.Design(0.5, 2, 30 * 24);

        // Baseline 12 a day is 0.5 an hour; the 50 an hour before the window is outside it.
        Assert.Equal((6, 12.0, "24h"), (evidence.Observed, evidence.Expected, evidence.Window));
        Assert.Equal(PoissonCusum.Run([.. Enumerable.Repeat(0, 21), 6, 0, 0], design.K), evidence.Statistic, 9);
        Assert.Equal(evidence.Statistic >= design.H, evidence.Fires);
    }

    private static int SamplePoisson(Random random, double lambda)
    {
        var limit = Math.Exp(-lambda);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }
}
