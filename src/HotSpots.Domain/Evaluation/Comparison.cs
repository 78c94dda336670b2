using System.Globalization;

namespace HotSpots.Domain.Evaluation;

/// <summary>How much data a reading needs before it says anything.</summary>
public static class EvaluationRules
{
    /// <summary>
    /// Incidents in the zone across the two periods compared. Below this the WDD's standard error is as large as any
    /// plausible effect (20 incidents give SE ≥ 4.5 from the zone alone), so counts are shown and no effect is claimed.
    /// </summary>
    public const int MinimumZoneCount = 20;

    /// <summary>Incidents in the buffer across the two periods before the WDQ is read as displacement or diffusion.</summary>
    public const int MinimumBufferCount = 10;

    /// <summary>Incidents in the control area in each period: the control's trend is what the zone is measured against.</summary>
    public const int MinimumControlCount = 20;
}

/// <summary>An area's count before and in the period compared, and the change with the before count scaled to equal length.</summary>
public sealed record Change(int Before, int After, double Expected)
{
    /// <summary>After against before scaled to the same length, in per cent; null when there was nothing before.</summary>
    public double? Percent => Expected > 0 ? (After / Expected - 1) * 100 : null;

    public static Change Of(int before, int after, double scale) => new(before, after, before * scale);
}

/// <summary>
/// The before period against one later period (during or after): gross and net effect, WDD and WDQ, what is too small
/// to read, and the reading in a sentence or two. The WDD's control is scaled to the zone (<see cref="ControlWeight"/>
/// = R₀/C₀), since Wheeler and Ratcliffe's test assumes a comparable control. <see cref="Refusal"/> says why no effect
/// is read when an assumption fails: no data yet for the later period, too few incidents, nothing in the zone before
/// to scale the control to. Every sentence of the reading comes from the same test, so they cannot disagree.
/// </summary>
public sealed record Comparison(
    string Period,
    double Scale,
    Change Zone,
    Change Buffer,
    Change Control,
    double GrossEffect,
    double? NetIncidents,
    NetEffect? Net,
    double ControlWeight,
    Wdd Wdd,
    Wdq? Wdq,
    double? TotalNetEffect,
    bool TooFewInZone,
    bool TooFewInBuffer,
    bool TooFewInControl,
    string? Refusal,
    string Reading)
{
    /// <summary>True when the period has no data yet: nothing recorded in it anywhere, or none in a control that had some before.</summary>
    public bool NoData => Control.After == 0 && (Control.Before > 0 || Zone.After + Buffer.After == 0);

    /// <summary>
    /// Compares before with a later period. <paramref name="scale"/> is the later period's days over the before
    /// period's days. The total net effect is Bowers and Johnson's: (Ra − Rb·Ca/Cb) + (Da − Db·Ca/Cb), the zone's and
    /// the buffer's changes beyond the control's trend, added.
    /// </summary>
    public static Comparison Of(string period, string what, double scale, int r0, int r1, int d0, int d1, int c0, int c1)
    {
        var zone = Change.Of(r0, r1, scale);
        var buffer = Change.Of(d0, d1, scale);
        var control = Change.Of(c0, c1, scale);
        var weight = c0 > 0 ? (double)r0 / c0 : 0;
        var wdd = Wdd.Of(r0, r1, c0, c1, scale, weight);
        var tooFewZone = r0 + r1 < EvaluationRules.MinimumZoneCount;
        var tooFewBuffer = d0 + d1 < EvaluationRules.MinimumBufferCount;
        var tooFewControl = Math.Min(c0, c1) < EvaluationRules.MinimumControlCount;
        var blank = new Comparison(period, scale, zone, buffer, control, r1 - zone.Expected, null, null, weight, wdd, null, null,
            tooFewZone, tooFewBuffer, tooFewControl, null, "");
        var refusal = Refuse(blank, period, what);
        if (refusal is not null) return blank with { Refusal = refusal, Reading = Read(blank, period, what, refusal) };

        var trend = (double)c1 / c0;
        var read = blank with
        {
            NetIncidents = r1 - r0 * trend,
            Net = NetEffect.OfWdd(wdd, r1),
            TotalNetEffect = (r1 - r0 * trend) + (d1 - d0 * trend),
            // Displacement is only weighed against a reduction that is not chance (Bowers and Johnson's success measure).
            Wdq = wdd.Significant && wdd.Value < 0 && !tooFewBuffer ? Wdq.Of(r0, r1, d0, d1, c0, c1) : null,
        };
        return read with { Reading = Read(read, period, what, null) };
    }

    private static string? Refuse(Comparison c, string period, string what)
    {
        if (c.NoData)
            return $"No {what} is recorded in the {period} period yet, not even in the control area ({c.Control.Before} before): its data has not arrived (police.uk publishes a month or two late), so the period is not scored.";
        if (c.TooFewInZone)
            return $"Too few incidents to tell: {c.Zone.Before + c.Zone.After} in the zone across both periods, and a reading needs at least {EvaluationRules.MinimumZoneCount}. No effect is claimed.";
        if (c.Zone.Before == 0)
            return "The zone had none before, so there is no level to scale the control's trend to. No effect is claimed.";
        if (c.TooFewInControl)
            return $"The control area has too few incidents (fewer than {EvaluationRules.MinimumControlCount} in a period) to give a trend to measure against. No effect is claimed.";
        return null;
    }

    private static string Read(Comparison c, string period, string what, string? refusal)
    {
        if (c.NoData) return refusal!;
        var sentences = new List<string>
        {
            $"{Capital(what)} in the zone: {c.Zone.Before} before, {c.Zone.After} {period} ({Percent(c.Zone)}); in the control area: {c.Control.Before} before, {c.Control.After} {period} ({Percent(c.Control)}).",
        };
        if (refusal is not null)
        {
            sentences.Add(refusal);
            return string.Join(" ", sentences);
        }
        if (c.ControlWeight is < 0.5 or > 2)
            sentences.Add($"The control area had {Times(c.ControlWeight)} the zone's incidents before, so its change is scaled to the zone's size (the WDD needs a comparable control).");
        var wdd = c.Wdd;
        var chance = wdd.Significant ? "significant at the 5% level" : "not significant: the change could be chance";
        if (c.Net is { } net)
        {
            var direction = net.Ratio < 1 ? "reduction" : "increase";
            sentences.Add($"Net of the control's trend that is a {F(Math.Abs(net.Percent))}% {direction} (95% interval {Signed(net.LowPercent)}% to {Signed(net.HighPercent)}%), {chance}.");
        }
        sentences.Add($"In incidents: the weighted displacement difference is {Signed(wdd.Value, "0.0")} (SE {F(wdd.StandardError, "0.0")}, z {Signed(wdd.Z, "0.00")}).");
        if (c.TooFewInBuffer) sentences.Add($"The buffer has too few incidents (fewer than {EvaluationRules.MinimumBufferCount}) to say whether crime moved.");
        else if (c.Wdq is { Value: { } value } wdq) sentences.Add($"Buffer: WDQ {Signed(value, "0.00")}, {wdq.Meaning}.");
        else sentences.Add("Buffer: not weighed, since the zone shows no reduction beyond chance for crime to have moved from.");
        return string.Join(" ", sentences);
    }

    private static string Times(double weight) => weight < 1 ? $"{F(1 / weight)} times" : $"1/{F(weight)} of";

    private static string Percent(Change change) => change.Percent is { } p ? $"{Signed(p)}%" : "none before";

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string F(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Signed(double value, string format = "0") =>
        (value > 0 ? "+" : "") + value.ToString(format, CultureInfo.InvariantCulture).Replace("-", "−");
}
