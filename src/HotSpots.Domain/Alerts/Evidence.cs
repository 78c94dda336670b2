namespace HotSpots.Domain.Alerts;

/// <summary>
/// One rule's finding for one area: what it saw, against what, the statistic and the threshold it is compared with,
/// the Poisson p-value of today's count against the baseline (for the cross-area false-discovery step), and whether
/// it fires. <see cref="Window"/> is "24h" style for threshold rules and "today" for daily methods.
/// </summary>
public sealed record Evidence(
    string RuleId, DetectorMethod Method, string Window, int Observed, double Expected, double Statistic, double Threshold,
    double PValue, bool Fires, Severity Severity)
{
    public string MethodName => AlertRule.MethodName(Method);

    /// <summary>Fires only because of drill incidents: without them the same rule would stay silent.</summary>
    public bool DrillOnly { get; init; }
}

/// <summary>
/// Runs one rule's detector on an area's signal. A statistical method never fires until the data covers its whole
/// baseline (EARS C1 7 days, C2 9, C3 11, CUSUM 35): zeros before the data begins are not a quiet baseline.
/// </summary>
public static class RuleEvaluator
{
    public static int DaysNeeded(AlertRule rule) => rule.Method switch
    {
        DetectorMethod.Threshold => 0,
        DetectorMethod.Cusum => 35,
        _ => Ears.DaysNeeded(rule.Method) - 1,
    };

    public static Evidence Evaluate(AlertRule rule, AreaSignal signal)
    {
        var evidence = Detect(rule, signal);
        if (signal.CoveredDays < DaysNeeded(rule)) return evidence with { Fires = false };
        // A finding that needs the drills to fire is a drill's, and must never read as a real spike.
        if (evidence.Fires && signal.HasDrills && !Detect(rule, signal.WithoutDrills()).Fires) return evidence with { DrillOnly = true };
        return evidence;
    }

    private static Evidence Detect(AlertRule rule, AreaSignal signal)
    {
        switch (rule.Method)
        {
            case DetectorMethod.Threshold:
                {
                    var hours = (int)Math.Round(rule.Window.TotalHours);
                    var observed = signal.LastHours(hours);
                    var expected = BaselineMean(signal.Days, 28, 1) * hours / 24;
                    return new Evidence(rule.Id, rule.Method, $"{hours}h", observed, expected, observed, rule.Count,
                        Poisson.UpperTail(observed, expected), observed >= rule.Count, rule.Severity);
                }
            case DetectorMethod.EarsC1 or DetectorMethod.EarsC2 or DetectorMethod.EarsC3:
                {
                    var needed = Ears.DaysNeeded(rule.Method);
                    var days = signal.Days.AsSpan(signal.Days.Length - needed);
                    var drills = signal.DrillDays.AsSpan(signal.DrillDays.Length - needed);
                    var result = rule.Method switch
                    {
                        DetectorMethod.EarsC1 => Ears.C1(days, rule.MinSigma, drills),
                        DetectorMethod.EarsC2 => Ears.C2(days, rule.MinSigma, drills),
                        _ => Ears.C3(days, rule.MinSigma, drills),
                    };
                    var observed = signal.Today;
                    var fires = result.Statistic >= rule.Limit && observed >= rule.MinCount;
                    return new Evidence(rule.Id, rule.Method, "today", observed, result.Mean, result.Statistic, rule.Limit,
                        Poisson.UpperTail(observed, result.Mean), fires, rule.Severity);
                }
            case DetectorMethod.Cusum when rule.Hourly:
                {
                    // The same four-week baseline as an hourly rate; the CUSUM runs over the last 24 clock hours, drills included.
                    var rate = BaselineMean(signal.Days, 28, 1) / 24;
                    var design = PoissonCusum.Design(rate, rule.ShiftRatio, rule.RunLengthDays * 24);
                    var recent = new int[24];
                    for (var i = 0; i < 24; i++) recent[i] = signal.Hours[^(24 - i)] + signal.DrillHours[^(24 - i)];
                    var s = PoissonCusum.Run(recent, design.K);
                    var observed = signal.LastHours(24);
                    var fires = s >= design.H && observed >= rule.MinCount;
                    return new Evidence(rule.Id, rule.Method, "24h", observed, rate * 24, s, design.H,
                        Poisson.UpperTail(observed, rate * 24), fires, rule.Severity);
                }
            default:
                {
                    // Four weeks before the last seven days set the in-control rate; the CUSUM runs over those seven days and today.
                    var rate = BaselineMean(signal.Days, 28, 8);
                    var design = PoissonCusum.Design(rate, rule.ShiftRatio, rule.RunLengthDays);
                    var recent = Recent(signal, 8);
                    var s = PoissonCusum.Run(recent, design.K);
                    var observed = signal.Today;
                    var fires = s >= design.H && observed >= rule.MinCount;
                    return new Evidence(rule.Id, rule.Method, "today", observed, rate, s, design.H,
                        Poisson.UpperTail(observed, rate), fires, rule.Severity);
                }
        }
    }

    /// <summary>Mean daily count over <paramref name="days"/> days ending <paramref name="skip"/> days before today.</summary>
    private static double BaselineMean(int[] series, int days, int skip)
    {
        var end = series.Length - skip;
        var start = Math.Max(0, end - days);
        if (end <= start) return 0;
        double sum = 0;
        for (var i = start; i < end; i++) sum += series[i];
        return sum / (end - start);
    }

    /// <summary>The last days of the series with their drills: what the CUSUM runs over (its baseline stays drill-free).</summary>
    private static int[] Recent(AreaSignal signal, int days)
    {
        var recent = signal.Days[^days..];
        for (var i = 0; i < days; i++) recent[i] += signal.DrillDays[signal.DrillDays.Length - days + i];
        return recent;
    }
}
