using System.Globalization;
using HotSpots.Application.Areas;
using HotSpots.Application.Evaluation;
using HotSpots.Domain.Incidents;
using HotSpots.Domain.Reports;
using HotSpots.Geography;
using HotSpots.Store;

namespace HotSpots.Application.Reports;

/// <summary>
/// Draws a Locality Action Group's agenda pack from the store: counts, heat against each ward's own normal and trends
/// from the monthly counts of recorded incidents (drills and replays never count), hot streets from
/// <see cref="IHotStreets"/>, alerts from the alert store and operations with their evaluation. Runs in the server and
/// in the command-line tool; without <paramref name="evaluations"/> (the tool on a store, where no monitors run) the
/// operations are listed without their reading, and the pack says so.
/// </summary>
public sealed class LagPackService(
    IIncidentStore incidents, IAlertStore alerts, IOperationStore operations, LocalityService localities, GeographyCatalog catalog,
    IHotStreets hotStreets, TimeProvider time, EvaluationService? evaluations = null)
{
    public const int TrendMonths = 24;

    /// <summary>The groups a pack reports, widest first.</summary>
    public static readonly CategoryGroup[] Groups = [CategoryGroup.All, CategoryGroup.Asb, CategoryGroup.Violence, CategoryGroup.DeliberateFires];

    /// <summary>What the sources can and cannot say, printed in every pack.</summary>
    public static readonly IReadOnlyList<string> Limits =
    [
        "police.uk publishes a month's street-level crime and ASB about two months after it ends, dated by month only and placed at an anonymised point near where it happened: the latest months may be missing, and no day, time or exact address can be read from them.",
        "Council cases are dated by day, not time of day; fire service incidents carry their exact time.",
        "Counts are of recorded incidents, not of all that happened: a change in recording or reporting changes the counts.",
        "Drills, demonstrations and replays are never counted, nor are alerts raised only by drills.",
        "Small counts move a lot by chance: a change of a few incidents in a ward is not by itself a trend.",
    ];

    /// <exception cref="ReportInputException">An unknown locality, or a period that is reversed, not complete yet or out of range.</exception>
    public async Task<LagPack> DrawAsync(LagPackQuery query, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var periods = query.Months.Resolve(now);
        var live = await localities.ListAsync(cancellationToken: cancellationToken);
        var locality = live.FirstOrDefault(l => string.Equals(l.Code, query.Locality, StringComparison.OrdinalIgnoreCase))
            ?? live.FirstOrDefault(l => string.Equals(l.Name, query.Locality, StringComparison.OrdinalIgnoreCase))
            ?? throw new ReportInputException("locality", live.Count == 0
                ? $"there is no locality '{query.Locality}' (none is in force)"
                : $"there is no locality '{query.Locality}' (there are: {string.Join(", ", live.Select(l => $"{l.Code} ({l.Name})"))})");
        var (info, wards) = await catalog.CurrentWardSetAsync(cancellationToken);
        var notes = new List<string>();
        var codes = locality.Wards.Where(wards.ByCode.ContainsKey).ToList();
        if (codes.Count < locality.Wards.Count)
            notes.Add($"Locality '{locality.Code}' was drawn on ward set '{locality.WardSet}': {locality.Wards.Count - codes.Count} of its wards are not in ward set '{info.Id}' and are left out.");

        var (first, last) = (periods.CurrentFirst, periods.CurrentLast);
        var months = periods.Months;
        // Every month any part of the pack reads: the trends, last year, the previous period and the wards' normal.
        var earliest = new[] { last - TrendMonths + 1, first - 12, periods.PreviousFirst, first - NormalHeat.BaselineMonths }.Min();
        var counts = await CountAsync(wards, codes, earliest, last, cancellationToken);
        long Sum(CategoryGroup group, int from, int to, IEnumerable<string>? only = null) =>
            (only ?? codes).Sum(w => Enumerable.Range(from, to - from + 1).Sum(m => counts.Get(w, m, group)));

        // Months before the store's data are unknown, not quiet: a comparison with them would read as a rise from nothing.
        bool Covered(int from) => counts.FirstMonth is { } f && f <= from;
        var headlines = Groups.Select(g =>
        {
            var current = Sum(g, first, last);
            long? previous = Covered(periods.PreviousFirst) ? Sum(g, periods.PreviousFirst, first - 1) : null;
            long? lastYear = Covered(first - 12) ? Sum(g, first - 12, last - 12) : null;
            return new LagHeadline(g.Slug, current, previous, current - previous, previous is { } p ? PerformanceFigures.DifferencePct(p, current) : null,
                lastYear, current - lastYear, lastYear is { } y ? PerformanceFigures.DifferencePct(y, current) : null);
        }).ToList();
        if (!Covered(first - 12) && counts.FirstMonth is not null)
            notes.Add($"The store holds no data for {Describe(first - 12, last - 12)}: there is no comparison with the same months last year.");
        var hasData = headlines[0].Current > 0;
        if (!hasData) notes.Add($"No recorded incident lies in {locality.Name}'s wards from {PerformanceQuery.Format(first)} to {PerformanceQuery.Format(last)}: there is nothing to rank, and every count of the period is 0.");

        var baselineFirst = Math.Max(first - NormalHeat.BaselineMonths, counts.FirstMonth ?? first);
        var heat = codes.Select(w =>
        {
            var reading = NormalHeat.Of(Sum(CategoryGroup.All, first, last, [w]), [.. Enumerable.Range(baselineFirst, first - baselineFirst).Select(m => counts.Get(w, m, CategoryGroup.All))], months);
            return (Ward: wards.ByCode[w], Reading: reading);
        }).OrderByDescending(h => h.Reading.HasBaseline).ThenByDescending(h => h.Reading.Score).ThenBy(h => h.Ward.Name, StringComparer.Ordinal).ToList();
        var ranked = heat.Select((h, i) => new LagWardHeat(i + 1, h.Ward.Code, h.Ward.Name, h.Reading.Observed, Math.Round(h.Reading.Expected, 2), Math.Round(h.Reading.Score, 2), h.Reading.HasBaseline)).ToList();
        if (heat.Any(h => !h.Reading.HasBaseline))
            notes.Add("Some wards have no whole earlier period in the store before this one: their heat compares with nothing and they are ranked last.");

        var streets = await hotStreets.HotStreetsAsync(wards, codes, first, last, cancellationToken);
        var hot = ranked.SelectMany(w => streets.GetValueOrDefault(w.Code, []).Select(s => new LagHotStreet(w.Code, w.Name, s.Location, s.Count))).ToList();

        var trends = Groups.Select(g => new LagTrend(g.Slug, PerformanceQuery.Format(last - TrendMonths + 1),
            [.. Enumerable.Range(last - TrendMonths + 1, TrendMonths).Select(m => Sum(g, m, m))])).ToList();

        var area = codes.Select(c => wards.ByCode[c].Geometry).Aggregate((NetTopologySuite.Geometries.Geometry?)null, (a, g) => a is null ? g : a.Union(g));
        var zones = (await catalog.LatestZonesAsync(cancellationToken))
            .Where(z => !z.Value.Version.Retired && area is not null && z.Value.Shape.Geometry.Intersects(area))
            .ToDictionary(z => z.Key, z => z.Value.Version.Name, StringComparer.Ordinal);
        var packAlerts = await AlertsAsync(codes.ToHashSet(StringComparer.Ordinal), zones, first, last, cancellationToken);
        var packOperations = await OperationsAsync(zones, cancellationToken);
        if (evaluations is null && packOperations.Count > 0)
            notes.Add("The operations' readings are drawn by the monitors of a running server: ask the server (--server) for them.");

        var coverage = new List<string> { $"{codes.Count} wards of ward set '{info.Id}': {string.Join(", ", codes.Select(c => wards.ByCode[c].Name).Order(StringComparer.Ordinal))}." };
        if (counts.FirstMonth is { } firstData)
            coverage.Add($"The store's recorded incidents reach back to {PerformanceQuery.Format(firstData)} in the months this pack looks at ({PerformanceQuery.Format(earliest)} onwards).");
        if (await incidents.LatestOccurredAtAsync(null, cancellationToken) is { } newest)
            coverage.Add($"The store's newest incident is of {newest.UtcDateTime.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}.");
        if (counts.Outside > 0)
            coverage.Add(string.Create(CultureInfo.InvariantCulture, $"{counts.Outside} recorded incidents of these months lie outside every ward of the ward set and are not counted."));
        coverage.AddRange(Limits);

        return new LagPack(locality.Code, locality.Name, info.Id,
            Period(first, last), Period(periods.PreviousFirst, first - 1), Period(first - 12, last - 12), now, hasData,
            counts.FirstMonth is { } from ? PerformanceQuery.Format(from) : null,
            headlines, ranked, hot, hotStreets.Description, trends, packAlerts, packOperations, coverage, notes);
    }

    /// <summary>Monthly counts by ward and category for the locality's wards.</summary>
    private sealed class WardMonths(int firstMonth, int months, IEnumerable<string> wards)
    {
        private readonly Dictionary<string, long[,]> _counts = wards.ToDictionary(w => w, _ => new long[months, Categories.Count], StringComparer.Ordinal);

        /// <summary>The first month with a recorded incident anywhere in the ward set, or null.</summary>
        public int? FirstMonth { get; private set; }

        public long Outside { get; private set; }

        public void Add(string? ward, int month, Category category, long count)
        {
            if (ward is null)
            {
                Outside += count;
                return;
            }
            FirstMonth = Math.Min(FirstMonth ?? month, month);
            if (_counts.TryGetValue(ward, out var tally)) tally[month - firstMonth, (int)category] += count;
        }

        public long Get(string ward, int month, CategoryGroup group)
        {
            var tally = _counts[ward];
            long sum = 0;
            foreach (var c in group.Members) sum += tally[month - firstMonth, (int)c];
            return sum;
        }
    }

    private async Task<WardMonths> CountAsync(AreaSet wards, IReadOnlyList<string> codes, int first, int last, CancellationToken cancellationToken)
    {
        var counts = new WardMonths(first, last - first + 1, codes);
        foreach (var count in await incidents.CountRecordedByMonthAsync(first, last, cancellationToken))
            counts.Add(wards.Index.FindOne(count.Longitude, count.Latitude)?.Code, count.MonthIndex, count.Category, count.Count);
        return counts;
    }

    private async Task<List<LagAlert>> AlertsAsync(HashSet<string> wards, Dictionary<string, string> zones, int first, int last, CancellationToken cancellationToken)
    {
        var (from, to) = (IncidentStoreExtensions.MonthStart(first), IncidentStoreExtensions.MonthStart(last + 1));
        var raised = await alerts.QueryAsync(new AlertQuery(Since: from, Limit: 10_000), cancellationToken);
        return
        [
            .. raised
                .Where(a => a.RaisedAt >= from && a.RaisedAt < to && a.Origin == IncidentOrigin.Recorded)
                .Where(a => a.Area.Set == "wards" ? wards.Contains(a.Area.Code) : zones.ContainsKey(a.Area.Code))
                .OrderBy(a => a.RaisedAt)
                .Select(a => new LagAlert(a.Id, a.Area.Code, a.Area.Name, a.Group, a.Severity.ToString().ToLowerInvariant(), a.RaisedAt,
                    a.Status.ToString().ToLowerInvariant(), a.Explanation, a.HandledBy, a.Note, a.ResolvedAt)),
        ];
    }

    private async Task<List<LagOperation>> OperationsAsync(Dictionary<string, string> zones, CancellationToken cancellationToken)
    {
        var result = new List<LagOperation>();
        foreach (var operation in (await operations.OperationsAsync(cancellationToken)).Where(o => o.Zones.Any(zones.ContainsKey)).OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            var readings = new List<LagZoneReading>();
            var notes = new List<string>();
            if (evaluations is not null)
            {
                try
                {
                    var evaluation = await evaluations.EvaluateAsync(operation.Id, null, null, cancellationToken);
                    readings.AddRange(evaluation.Zones.Where(z => zones.ContainsKey(z.Zone)).Select(z => new LagZoneReading(z.Zone, z.Name, evaluation.Group, z.During.Reading)));
                    notes.AddRange(evaluation.Notes);
                }
                catch (EvaluationException ex)
                {
                    notes.Add($"No reading: {ex.Message}.");
                }
            }
            if (readings.Count == 0)
                readings.AddRange(operation.Zones.Where(zones.ContainsKey).Select(z => new LagZoneReading(z, zones[z], operation.TargetGroups[0], "")));
            result.Add(new LagOperation(operation.Id, operation.Name, operation.Type.ToString().ToLowerInvariant(),
                [.. operation.ActivePeriods.Select(p => p.End is { } end ? $"{p.Start:yyyy-MM-dd} to {end:yyyy-MM-dd}" : $"from {p.Start:yyyy-MM-dd}")], readings, notes));
        }
        return result;
    }

    private static string Describe(int first, int last) => ReportHtml.Describe(Period(first, last));

    private static PerformancePeriod Period(int first, int last) => new(PerformanceQuery.Format(first), PerformanceQuery.Format(last), last - first + 1);
}
