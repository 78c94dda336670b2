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
/// to read, and the reading in a sentence or two.
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
    Wdd Wdd,
    Wdq? Wdq,
    double? TotalNetEffect,
    bool TooFewInZone,
    bool TooFewInBuffer,
    bool TooFewInControl,
    string Reading)
{
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
        var trend = c0 > 0 ? (double)c1 / c0 : (double?)null;
        var netIncidents = trend is { } t ? r1 - r0 * t : (double?)null;
        var totalNet = trend is { } u ? (r1 - r0 * u) + (d1 - d0 * u) : (double?)null;
        var net = NetEffect.Of(r0, r1, c0, c1);
        var wdd = Wdd.Of(r0, r1, c0, c1, scale);
        var wdq = Wdq.Of(r0, r1, d0, d1, c0, c1);
        var tooFewZone = r0 + r1 < EvaluationRules.MinimumZoneCount;
        var tooFewBuffer = d0 + d1 < EvaluationRules.MinimumBufferCount;
        var tooFewControl = Math.Min(c0, c1) < EvaluationRules.MinimumControlCount;
        var reading = Read(period, what, zone, control, net, wdd, wdq, tooFewZone, tooFewBuffer, tooFewControl);
        return new Comparison(period, scale, zone, buffer, control, r1 - zone.Expected, netIncidents, net, wdd, wdq, totalNet,
            tooFewZone, tooFewBuffer, tooFewControl, reading);
    }

    private static string Read(string period, string what, Change zone, Change control, NetEffect? net, Wdd wdd, Wdq? wdq,
        bool tooFewZone, bool tooFewBuffer, bool tooFewControl)
    {
        var sentences = new List<string>
        {
            $"{Capital(what)} in the zone: {zone.Before} before, {zone.After} {period} ({Percent(zone)}); in the control area: {control.Before} before, {control.After} {period} ({Percent(control)}).",
        };
        if (tooFewZone)
        {
            sentences.Add($"Too few incidents to tell: {zone.Before + zone.After} in the zone across both periods, and a reading needs at least {EvaluationRules.MinimumZoneCount}. No effect is claimed.");
            return string.Join(" ", sentences);
        }
        if (tooFewControl)
        {
            sentences.Add($"The control area has too few incidents (fewer than {EvaluationRules.MinimumControlCount} in a period) to give a trend to measure against. No effect is claimed.");
            return string.Join(" ", sentences);
        }
        if (net is not null)
        {
            var direction = net.Ratio < 1 ? "reduction" : "increase";
            sentences.Add($"Net of the control's trend that is a {F(Math.Abs(net.Percent))}% {direction} (95% interval {Signed(net.LowPercent)}% to {Signed(net.HighPercent)}%).");
        }
        sentences.Add(wdd.Significant
            ? $"The weighted displacement difference, {Signed(wdd.Value)} incidents (SE {F(wdd.StandardError)}, z {Signed(wdd.Z, "0.00")}), is significant at the 5% level."
            : $"The weighted displacement difference, {Signed(wdd.Value)} incidents (SE {F(wdd.StandardError)}, z {Signed(wdd.Z, "0.00")}), is not significant: the change could be chance.");
        if (tooFewBuffer) sentences.Add($"The buffer has too few incidents (fewer than {EvaluationRules.MinimumBufferCount}) to say whether crime moved.");
        else if (wdq is { Value: { } value }) sentences.Add($"Buffer: WDQ {Signed(value, "0.00")}, {wdq.Meaning}.");
        else if (wdq is not null) sentences.Add($"Buffer: {wdq.Meaning}.");
        return string.Join(" ", sentences);
    }

    private static string Percent(Change change) => change.Percent is { } p ? $"{Signed(p)}%" : "none before";

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string F(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Signed(double value, string format = "0") =>
        (value > 0 ? "+" : "") + value.ToString(format, CultureInfo.InvariantCulture).Replace("-", "−");
}
