namespace HotSpots.Domain.Evaluation;

/// <summary>What the Weighted Displacement Quotient says, after Bowers and Johnson (2003), table 1.</summary>
public enum WdqReading
{
    /// <summary>The zone did not improve relative to the control, so there is no effect whose displacement could be weighed.</summary>
    NoSuccess,

    /// <summary>WDQ above 1: the buffer improved by more than the zone did (diffusion greater than the direct effect).</summary>
    DiffusionGreaterThanDirectEffect,

    /// <summary>WDQ in (0, 1]: the buffer improved too (diffusion of benefits).</summary>
    Diffusion,

    /// <summary>WDQ exactly 0: the buffer moved just as the control did.</summary>
    NoDisplacementOrDiffusion,

    /// <summary>WDQ in [−1, 0): some crime moved to the buffer, less than the zone gained (a net benefit).</summary>
    DisplacementSmallerThanDirectEffect,

    /// <summary>WDQ below −1: more moved to the buffer than the zone gained (counter-productive).</summary>
    DisplacementGreaterThanDirectEffect,
}

/// <summary>
/// The Weighted Displacement Quotient (Bowers, K. J. and Johnson, S. D. (2003) "Measuring the geographical displacement
/// and diffusion of benefit effects of crime prevention activity", Journal of Quantitative Criminology 19(3),
/// 275–301): WDQ = (Da/Ca − Db/Cb) / (Ra/Ca − Rb/Cb), with b before and a after (here: during) the operation.
/// The denominator is the success measure (negative when the zone improved relative to the control), the numerator
/// the buffer measure.
/// </summary>
public sealed record Wdq(double? Value, double SuccessMeasure, double BufferMeasure, WdqReading Reading)
{
    public static Wdq? Of(int rBefore, int rAfter, int dBefore, int dAfter, int cBefore, int cAfter)
    {
        if (cBefore <= 0 || cAfter <= 0) return null;
        var success = (double)rAfter / cAfter - (double)rBefore / cBefore;
        var buffer = (double)dAfter / cAfter - (double)dBefore / cBefore;
        if (success >= 0) return new Wdq(null, success, buffer, WdqReading.NoSuccess);
        var value = buffer / success;
        var reading = value switch
        {
            > 1 => WdqReading.DiffusionGreaterThanDirectEffect,
            > 0 => WdqReading.Diffusion,
            0 => WdqReading.NoDisplacementOrDiffusion,
            >= -1 => WdqReading.DisplacementSmallerThanDirectEffect,
            _ => WdqReading.DisplacementGreaterThanDirectEffect,
        };
        return new Wdq(value, success, buffer, reading);
    }

    public string Meaning => Reading switch
    {
        WdqReading.NoSuccess => "the zone did not improve relative to the control, so the WDQ does not apply",
        WdqReading.DiffusionGreaterThanDirectEffect => "diffusion of benefits greater than the direct effect: the buffer improved more than the zone",
        WdqReading.Diffusion => "diffusion of benefits: the buffer improved too",
        WdqReading.NoDisplacementOrDiffusion => "no displacement and no diffusion: the buffer moved as the control did",
        WdqReading.DisplacementSmallerThanDirectEffect => "some displacement into the buffer, smaller than the gain in the zone (a net benefit)",
        _ => "displacement into the buffer greater than the gain in the zone (counter-productive)",
    };
}

/// <summary>
/// The Weighted Displacement Difference (Wheeler, A. P. and Ratcliffe, J. H. (2018) "A simple weighted displacement
/// difference test to evaluate place based crime interventions", Crime Science 7:11): WDD = (R₁ − R₀) − (C₁ − C₀),
/// with standard error √(R₀ + R₁ + C₀ + C₁) for Poisson counts, and z = WDD / SE. When the before period is longer or
/// shorter than the one compared, before counts are scaled by k = days compared / days before, so
/// WDD = (R₁ − kR₀) − (C₁ − kC₀) and SE = √(R₁ + C₁ + k²(R₀ + C₀)); k = 1 is the published test.
/// The test assumes a control comparable with the treated area: a control 300 times the zone's size turns its own
/// change into the zone's "effect". With a control weight w (its change counted w times),
/// WDD = (R₁ − kR₀) − w(C₁ − kC₀) and SE = √(R₁ + k²R₀ + w²(C₁ + k²C₀)); w = R₀/C₀ scales the control to the zone's
/// before level, and the WDD becomes R₁ − R₀·C₁/C₀: the zone's count beyond what the control's trend predicts.
/// </summary>
public sealed record Wdd(double Value, double StandardError, double Z, double P, double Low, double High)
{
    public bool Significant => P < 0.05;

    public static Wdd Of(int rBefore, int rAfter, int cBefore, int cAfter, double scale = 1, double weight = 1)
    {
        var value = (rAfter - scale * rBefore) - weight * (cAfter - scale * cBefore);
        var se = Math.Sqrt(rAfter + scale * scale * rBefore + weight * weight * (cAfter + scale * scale * cBefore));
        var z = se > 0 ? value / se : 0;
        return new Wdd(value, se, z, se > 0 ? Normal.TwoSidedP(z) : 1, value - Normal.Z95 * se, value + Normal.Z95 * se);
    }
}

/// <summary>
/// The net effect as a ratio of ratios, (R₁/R₀) / (C₁/C₀): the zone's change beyond the control's trend (the relative
/// effect size of Welsh and Farrington, 2009, inverted so that below 1 means fewer incidents), with the interval of the
/// control-scaled WDD it equals (<see cref="OfWdd"/>), so that a reading's per cent and its WDD test never disagree
/// (a log-ratio interval could call the one significant and the other not). Period lengths cancel out.
/// </summary>
public sealed record NetEffect(double Ratio, double Low, double High)
{
    public double Percent => (Ratio - 1) * 100;

    public double LowPercent => (Low - 1) * 100;

    public double HighPercent => (High - 1) * 100;

    /// <summary>True when the whole interval lies on one side of "no change".</summary>
    public bool Significant => High < 1 || Low > 1;

    /// <summary>
    /// From a WDD whose control is scaled to the zone (w = R₀/C₀): the zone was expected to have E = R₁ − WDD, so the
    /// ratio is R₁/E and its interval (E + WDD ± 1.96 SE)/E, never below 0. Null when nothing was expected.
    /// </summary>
    public static NetEffect? OfWdd(Wdd wdd, int rAfter)
    {
        var expected = rAfter - wdd.Value;
        if (expected <= 0) return null;
        return new NetEffect(rAfter / expected, Math.Max(0, 1 + wdd.Low / expected), Math.Max(0, 1 + wdd.High / expected));
    }
}
