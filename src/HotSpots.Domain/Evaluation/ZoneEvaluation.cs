namespace HotSpots.Domain.Evaluation;

/// <summary>Before, during and (when asked for) after: the periods every area of an evaluation is counted over.</summary>
public sealed record EvaluationPeriods(EvaluationPeriod Before, EvaluationPeriod During, EvaluationPeriod? After)
{
    public IEnumerable<EvaluationPeriod> All => After is null ? [Before, During] : [Before, During, After];
}

/// <summary>One area's counts over the evaluation periods.</summary>
public sealed record AreaPeriods(PeriodCount Before, PeriodCount During, PeriodCount? After)
{
    public int Straddling => Before.Straddling + During.Straddling + (After?.Straddling ?? 0);
}

/// <summary>What is counted for a zone: the zone (R), its buffer ring (D) and the control area (C), with R's and D's sizes.</summary>
public sealed record ZoneFigures(string Zone, string Name, AreaPeriods Treated, AreaPeriods Buffer, AreaPeriods Control, double ZoneSquareKm, double BufferSquareKm);

/// <summary>A count and its rates: per week of the period, and per square kilometre where the area's size is known.</summary>
public sealed record AreaRate(string Area, string Period, int Count, double PerWeek, double? PerSquareKm);

/// <summary>A zone's evaluation: rates, before against during (and after), dosage, and what to be careful of.</summary>
public sealed record ZoneEvaluation(
    string Zone,
    string Name,
    IReadOnlyList<AreaRate> Rates,
    Comparison During,
    Comparison? After,
    Dosage? Dosage,
    IReadOnlyList<string> Cautions)
{
    /// <param name="what">The target in words, for the reading ("anti-social behaviour").</param>
    public static ZoneEvaluation Of(EvaluationPeriods periods, ZoneFigures figures, string what, Dosage? dosage)
    {
        var rates = new List<AreaRate>();
        void Add(string area, AreaPeriods counts, double? km2)
        {
            rates.Add(Rate(area, periods.Before, counts.Before.Count, km2));
            rates.Add(Rate(area, periods.During, counts.During.Count, km2));
            if (periods.After is { } after && counts.After is { } a) rates.Add(Rate(area, after, a.Count, km2));
        }
        Add("zone", figures.Treated, figures.ZoneSquareKm);
        Add("buffer", figures.Buffer, figures.BufferSquareKm);
        Add("control", figures.Control, null);

        Comparison Compare(EvaluationPeriod later, Func<AreaPeriods, PeriodCount> pick) => Comparison.Of(
            later.Name, what, periods.Before.Days > 0 ? (double)later.Days / periods.Before.Days : 1,
            figures.Treated.Before.Count, pick(figures.Treated).Count,
            figures.Buffer.Before.Count, pick(figures.Buffer).Count,
            figures.Control.Before.Count, pick(figures.Control).Count);

        var during = Compare(periods.During, a => a.During);
        var after = periods.After is { } afterPeriod ? Compare(afterPeriod, a => a.After ?? default) : null;

        var cautions = new List<string>();
        var straddling = figures.Treated.Straddling + figures.Buffer.Straddling + figures.Control.Straddling;
        if (straddling > 0)
            cautions.Add($"{straddling} incidents known only to the month fall in months that a period covers only in part and are not counted; periods on month boundaries count them (police.uk data is monthly).");
        if (periods.Before.Days != periods.During.Days)
            cautions.Add($"The before period has {periods.Before.Days} days and the during period {periods.During.Days}: before counts are scaled to the same length.");
        if (during.TooFewInZone) cautions.Add("Too few incidents in the zone to read an effect.");
        if (dosage is { Visits: 0 }) cautions.Add("No patrol visits are logged for this zone in the during period.");
        return new ZoneEvaluation(figures.Zone, figures.Name, rates, during, after, dosage, cautions);
    }

    private static AreaRate Rate(string area, EvaluationPeriod period, int count, double? km2) => new(
        area, period.Name, count, period.Days > 0 ? count / (period.Days / 7.0) : 0, km2 is > 0 ? count / km2 : null);
}

/// <summary>A zone's place when the zones of an operation are ranked by net effect (largest reduction first).</summary>
public sealed record ZoneRank(int Rank, string Zone, string Name, double? NetPercent, double? LowPercent, double? HighPercent,
    double Wdd, double WddLow, double WddHigh, bool TooFew);

public static class ZoneRanking
{
    /// <summary>
    /// Zones ordered by net effect (the ratio of ratios, lowest first); zones whose reading is refused (too few
    /// incidents, no data yet, nothing before) or without a net effect come last in name order, since their place
    /// would be noise. <see cref="ZoneRank.TooFew"/> marks them.
    /// </summary>
    public static IReadOnlyList<ZoneRank> Rank(IEnumerable<ZoneEvaluation> zones) =>
    [
        .. zones
            .OrderBy(z => z.During.Refusal is not null || z.During.Net is null ? 1 : 0)
            .ThenBy(z => z.During.Net?.Ratio ?? double.MaxValue)
            .ThenBy(z => z.Zone, StringComparer.Ordinal)
            .Select((z, i) => new ZoneRank(i + 1, z.Zone, z.Name, z.During.Net?.Percent, z.During.Net?.LowPercent, z.During.Net?.HighPercent,
                z.During.Wdd.Value, z.During.Wdd.Low, z.During.Wdd.High, z.During.Refusal is not null || z.During.Net is null)),
    ];
}
