using HotSpots.Application.Monitoring;
using HotSpots.Domain.Evaluation;
using HotSpots.Domain.Incidents;
using HotSpots.Store;

namespace HotSpots.Application.Evaluation;

/// <summary>A period as the API shows it: its name, ranges (first and last day) and length.</summary>
public sealed record PeriodView(string Name, IReadOnlyList<string> Ranges, int Days)
{
    public static PeriodView Of(EvaluationPeriod period) => new(period.Name, [.. period.Ranges.Select(r => r.ToString())], period.Days);
}

/// <summary>An operation evaluated for one target group over before, during and (when there is one) after.</summary>
public sealed record OperationEvaluation(
    string Operation,
    string Name,
    string Type,
    string Group,
    string WardSet,
    string Control,
    double BufferInnerMetres,
    double BufferOuterMetres,
    IReadOnlyList<PeriodView> Periods,
    IReadOnlyList<ZoneEvaluation> Zones,
    IReadOnlyList<ZoneRank> Ranking,
    double? FundedPatrolHours,
    double DeliveredPatrolHours,
    IReadOnlyList<string> Notes);

/// <summary>Why an evaluation cannot be given, in words for the API's problem details.</summary>
public sealed class EvaluationException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}

/// <summary>
/// Evaluates operations from the monitors: R from each zone's monitor, D from its ring's, and C as the control wards'
/// total less the operation's exclusion monitor (its zones and buffers, within the control wards). Patrol visits come
/// from the store. The arithmetic is the domain's (<see cref="ZoneEvaluation"/>).
/// </summary>
public sealed class EvaluationService(MonitorDirectory monitors, IOperationStore store, TimeProvider time)
{
    /// <param name="periods">Before, during and after given by the caller; null takes them from the operation's active periods.</param>
    public async Task<OperationEvaluation> EvaluateAsync(string operationId, string? group, EvaluationPeriods? periods, CancellationToken cancellationToken = default)
    {
        var operation = (await store.OperationsAsync(cancellationToken)).FirstOrDefault(o => o.Id == operationId)
            ?? throw new EvaluationException($"there is no operation '{operationId}'", notFound: true);
        var snapshot = monitors.Current;
        var layout = snapshot.Geography.Layout(operation.Id)
            ?? throw new EvaluationException($"operation '{operationId}' is still being laid out; try again in a moment");
        var target = group ?? operation.TargetGroups[0];
        if (!CategoryGroup.TryParse(target, out var categoryGroup)) throw new EvaluationException($"group '{target}' is not a category group or category");
        periods ??= DefaultPeriods(operation, DayRange.DayOf(time.GetUtcNow()));
        if (periods.During.Days == 0) throw new EvaluationException("the during period has no days: the operation has not run yet, or give during=");
        if (periods.Before.Days == 0) throw new EvaluationException("the before period has no days");

        var notes = new List<string>();
        if (layout.MissingZones.Count > 0) notes.Add($"Retired or unknown zones left out: {string.Join(", ", layout.MissingZones)}.");
        var controlWards = layout.ControlWards is null
            ? snapshot.Geography.Wards.Areas.Select(a => a.Code).ToList()
            : layout.ControlWards.Where(snapshot.Geography.Wards.ByCode.ContainsKey).Order(StringComparer.Ordinal).ToList();
        if (layout.ControlWards is not null && controlWards.Count < layout.ControlWards.Count)
            notes.Add($"Control wards not in the current ward set are left out: {string.Join(", ", layout.ControlWards.Except(controlWards).Order(StringComparer.Ordinal))}.");

        var control = await CountAsync(snapshot, controlWards.Select(c => new AreaKey(AreaSetKind.Wards, c)), categoryGroup, periods)
            - await CountAsync(snapshot, [new AreaKey(AreaSetKind.Exclusions, operation.Id)], categoryGroup, periods);
        var duringSpan = new DayRange(periods.During.Ranges.Min(r => r.First), periods.During.Ranges.Max(r => r.End));
        var visits = await store.PatrolsAsync(null, Instant(duringSpan.First), Instant(duringSpan.End), cancellationToken);
        var what = Words(categoryGroup);

        var zones = new List<ZoneEvaluation>();
        foreach (var zone in layout.Zones)
        {
            var zoneKey = new AreaKey(AreaSetKind.Zones, zone.Zone);
            var treated = await CountAsync(snapshot, [zoneKey], categoryGroup, periods);
            var buffer = await CountAsync(snapshot, [new AreaKey(AreaSetKind.Rings, zone.Ring.Code)], categoryGroup, periods);
            var daily = new List<int>();
            foreach (var range in periods.During.Ranges) daily.AddRange(await snapshot.Get(zoneKey).GetDailyCountsAsync(categoryGroup, range));
            var dosage = Dosage.Of(periods.During, [.. visits.Where(v => v.Zone == zone.Zone)], daily, treated.Sum.During.Count);
            var name = snapshot.Geography.Zones.ByCode[zone.Zone].Name;
            zones.Add(ZoneEvaluation.Of(periods, new ZoneFigures(zone.Zone, name, treated.Sum, buffer.Sum, control.Sum, zone.ZoneSquareKm, zone.RingSquareKm), what, dosage));
        }
        return new OperationEvaluation(
            operation.Id, operation.Name, operation.Type.ToString().ToLowerInvariant(), categoryGroup.Slug, snapshot.Geography.WardSet.Id,
            layout.ControlWards is null ? $"the rest of ward set '{snapshot.Geography.WardSet.Id}'" : $"wards {string.Join(", ", controlWards)}",
            operation.BufferInnerMetres, operation.BufferOuterMetres,
            [.. periods.All.Select(PeriodView.Of)], zones, ZoneRanking.Rank(zones),
            operation.FundedPatrolHours, zones.Sum(z => z.Dosage?.PatrolHours ?? 0), notes);
    }

    /// <summary>
    /// During is the operation's active periods up to yesterday; before is as many days immediately before it started;
    /// after, once it has ended, is up to as many days from the day after its end, as far as today allows.
    /// </summary>
    public static EvaluationPeriods DefaultPeriods(Operation operation, int today)
    {
        var during = operation.ActivePeriods.OrderBy(p => p.Start).Select(p => p.Until(today)).Where(r => !r.IsEmpty).ToList();
        var days = during.Sum(r => r.Days);
        var start = during.Count > 0 ? during[0].First : today;
        var before = new EvaluationPeriod("before", [new DayRange(start - days, start)]);
        EvaluationPeriod? after = null;
        if (during.Count > 0 && operation.ActivePeriods.All(p => p.End is not null) && during[^1].End < today)
        {
            var afterRange = new DayRange(during[^1].End, Math.Min(during[^1].End + days, today));
            if (!afterRange.IsEmpty) after = new EvaluationPeriod("after", [afterRange]);
        }
        return new EvaluationPeriods(before, new EvaluationPeriod("during", during), after);
    }

    private static async Task<Counted> CountAsync(MonitorSnapshot snapshot, IEnumerable<AreaKey> keys, CategoryGroup group, EvaluationPeriods periods)
    {
        PeriodCount before = default, during = default, after = default;
        foreach (var key in keys)
        {
            if (!snapshot.Monitors.TryGetValue(key, out var monitor)) continue;
            before += Sum(await monitor.CountAsync(group, [.. periods.Before.Ranges]));
            during += Sum(await monitor.CountAsync(group, [.. periods.During.Ranges]));
            if (periods.After is { } a) after += Sum(await monitor.CountAsync(group, [.. a.Ranges]));
        }
        return new Counted(new AreaPeriods(before, during, periods.After is null ? null : after));
    }

    private static PeriodCount Sum(PeriodCount[] counts) => counts.Aggregate(default(PeriodCount), (a, b) => a + b);

    private static DateTimeOffset Instant(int day) => new(DayRange.DateOf(day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Words(CategoryGroup group) => group.Slug switch
    {
        "asb" => "anti-social behaviour",
        "all" => "all incidents",
        _ => group.Slug.Replace('-', ' '),
    };

    private sealed record Counted(AreaPeriods Sum)
    {
        public static Counted operator -(Counted a, Counted b) => new(new AreaPeriods(
            a.Sum.Before - b.Sum.Before, a.Sum.During - b.Sum.During,
            a.Sum.After is { } x && b.Sum.After is { } y ? x - y : a.Sum.After));
    }
}
