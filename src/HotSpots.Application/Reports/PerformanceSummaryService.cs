using System.Globalization;
using HotSpots.Application.Areas;
using HotSpots.Domain.Incidents;
using HotSpots.Domain.Reports;
using HotSpots.Geography;
using HotSpots.Store;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Reports;

/// <summary>
/// The board's performance summary, computed from the store's monthly counts of recorded incidents (drills and replays
/// never count; police.uk rows dated by month alone count in their month), each count placed in a ward of the ward set
/// reported on. Runs wherever the store is: in the server or in the command-line tool, with no monitor involved.
/// </summary>
public sealed class PerformanceSummaryService(
    IIncidentStore incidents, LocalityService localities, GeographyCatalog catalog, IOptions<GeographyOptions> geographyOptions, IOptions<ReportOptions> reportOptions, TimeProvider time)
{
    private readonly GeographyOptions geography = geographyOptions.Value;
    private readonly ReportOptions options = reportOptions.Value;

    /// <summary>The code of the parent of every authority, and of areas that span authorities.</summary>
    public const string AllAreas = "all";

    /// <summary>The authority code given to wards whose authority is not known.</summary>
    public const string Unassigned = "unassigned";

    /// <summary>The order lines come in: the groups, widest first, then the categories.</summary>
    private static readonly CategoryGroup[] GroupLines = [CategoryGroup.All, CategoryGroup.Asb, CategoryGroup.Violence, CategoryGroup.DeliberateFires];

    /// <exception cref="ReportInputException">A bad period, an unknown locality or ward set, or a locality at authority level.</exception>
    public async Task<PerformanceSummary> SummariseAsync(PerformanceQuery query, CancellationToken cancellationToken = default)
    {
        var periods = query.Resolve(time.GetUtcNow());
        var (info, wards) = query.WardSet is { } setId
            ? await catalog.WardSetAsync(setId, cancellationToken) ?? throw new ReportInputException("wardSet", $"there is no ward set '{setId}'")
            : await catalog.CurrentWardSetAsync(cancellationToken);
        var live = await localities.ListAsync(cancellationToken: cancellationToken);
        Locality? focus = null;
        if (query.Locality is { } code)
        {
            focus = live.FirstOrDefault(l => l.Code == code) ?? throw new ReportInputException("locality", live.Count == 0
                ? $"there is no locality '{code}' (none is in force)"
                : $"there is no locality '{code}' (there are: {string.Join(", ", live.Select(l => l.Code))})");
            if (query.Level == PerformanceLevel.Authority)
                throw new ReportInputException("locality", "a locality limits a report at level locality or ward, not authority");
        }

        var notes = new List<string>();
        var tallies = await TallyAsync(wards, periods, notes, cancellationToken);
        var plan = Plan(query.Level, wards, live, focus, info, notes);
        var lines = Lines(plan.Reported.SelectMany(a => a.Wards), tallies);
        var hasData = lines.Count > 0;
        if (!hasData)
        {
            lines = [GroupLines[0]];
            notes.Add("No recorded incidents in either period in the areas reported: every count is 0.");
        }
        else if (plan.Reported.SelectMany(a => a.Wards).All(w => Sum(tallies, w, CategoryGroup.All, 0) == 0))
        {
            notes.Add("No recorded incidents in the previous period: there is no base for a change in per cent.");
        }
        if (options.Population.Count == 0) notes.Add("No population table is configured: no rates per 1,000 residents.");

        var rows = new List<PerformanceRow>();
        var concentrations = new List<ConcentrationLine>();
        foreach (var line in lines)
        {
            foreach (var siblings in plan.Reported.GroupBy(a => a.Parent.Code))
            {
                var parent = siblings.First().Parent;
                var all = plan.Siblings[parent.Code];
                var currents = all.Select(a => Count(tallies, a, line, 1)).ToList();
                var ranks = PerformanceFigures.Ranks(currents);
                var parentTotal = parent.Wards.Sum(w => Sum(tallies, w, line, 1));
                foreach (var area in siblings)
                {
                    var (previous, current) = (Count(tallies, area, line, 0), Count(tallies, area, line, 1));
                    var concentration = area.IsWard ? null : Concentrate(area, line, wards, tallies, concentrations);
                    rows.Add(new PerformanceRow(area.Code, area.Name, line.Slug, Categories.TryParse(line.Slug, out _) ? "category" : "group",
                        previous, current, current - previous, PerformanceFigures.DifferencePct(previous, current), parent.Code, parent.Name,
                        PerformanceFigures.SharePct(current, parentTotal), ranks[all.IndexOf(area)], all.Count,
                        PerformanceFigures.RatePer1000(current, options.Population.TryGetValue(area.Code, out var residents) ? residents : null),
                        concentration?.Wards, concentration?.SharePct));
                }
                if (query.Level == PerformanceLevel.Ward && parent.Code != AllAreas) Concentrate(parent, line, wards, tallies, concentrations);
            }
        }

        var order = plan.Reported.Select((a, i) => (a.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var lineOrder = lines.Select((l, i) => (l.Slug, i)).ToDictionary(x => x.Slug, x => x.i, StringComparer.Ordinal);
        return new PerformanceSummary(
            query.Level.ToString().ToLowerInvariant(),
            Period(periods.PreviousFirst, periods.CurrentFirst - 1),
            Period(periods.CurrentFirst, periods.CurrentLast),
            info.Id,
            focus?.Code,
            [.. rows.OrderBy(r => order[r.AreaCode]).ThenBy(r => lineOrder[r.Category])],
            [.. concentrations.OrderBy(c => c.AreaName, StringComparer.Ordinal).ThenBy(c => lineOrder[c.Category])],
            options.Population.Count > 0 ? options.PopulationSource : null,
            hasData,
            notes);
    }

    /// <summary>A reported area: its wards and the parent its share and rank are taken in.</summary>
    private sealed class ReportArea(string code, string name, IReadOnlyList<string> wards, bool isWard)
    {
        public string Code { get; } = code;

        public string Name { get; } = name;

        public IReadOnlyList<string> Wards { get; } = wards;

        public bool IsWard { get; } = isWard;

        public ReportArea Parent { get; set; } = null!;
    }

    private sealed record AreaPlan(IReadOnlyList<ReportArea> Reported, IReadOnlyDictionary<string, List<ReportArea>> Siblings);

    /// <summary>Counts by ward, period (0 previous, 1 current) and category.</summary>
    private async Task<Dictionary<string, long[,]>> TallyAsync(AreaSet wards, PerformancePeriods periods, List<string> notes, CancellationToken cancellationToken)
    {
        var tallies = wards.Areas.ToDictionary(w => w.Code, _ => new long[2, Categories.Count], StringComparer.Ordinal);
        long outside = 0;
        foreach (var count in await incidents.CountRecordedByMonthAsync(periods.PreviousFirst, periods.CurrentLast, cancellationToken))
        {
            if (wards.Index.FindOne(count.Longitude, count.Latitude) is not { } ward)
            {
                outside += count.Count;
                continue;
            }
            tallies[ward.Code][count.MonthIndex >= periods.CurrentFirst ? 1 : 0, (int)count.Category] += count.Count;
        }
        if (outside > 0)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{outside} recorded incidents of the two periods lie outside every ward of the ward set and are not counted."));
        return tallies;
    }

    /// <summary>
    /// The areas of the level and the parent of each: every authority's parent is all areas; a locality's is the
    /// authority holding all its wards (all areas when it spans several); a ward's is its authority, or the locality
    /// the report is limited to.
    /// </summary>
    private AreaPlan Plan(PerformanceLevel level, AreaSet wards, IReadOnlyList<Locality> live, Locality? focus, WardSetInfo info, List<string> notes)
    {
        var authorities = wards.Areas
            .GroupBy(w => w.Authority ?? Unassigned, StringComparer.Ordinal)
            .Select(g => new ReportArea(g.Key, g.Key == Unassigned ? "Wards with no authority" : LocalAuthorities.Describe(g.Key, geography).Name, [.. g.Select(w => w.Code)], false))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        if (authorities.Any(a => a.Code == Unassigned))
            notes.Add($"Some wards of ward set '{info.Id}' have no local authority (configure HotSpots:Geography:Authorities, or load boundaries with LADyyCD).");
        var everything = new ReportArea(AllAreas, authorities.Count == 1 ? authorities[0].Name : $"All {authorities.Count} authorities", [.. wards.Areas.Select(w => w.Code)], false);
        var authorityOf = authorities.SelectMany(a => a.Wards.Select(w => (w, a))).ToDictionary(x => x.w, x => x.a, StringComparer.Ordinal);
        foreach (var authority in authorities) authority.Parent = everything;

        ReportArea? focused = null;
        var localityAreas = new List<ReportArea>();
        foreach (var locality in live)
        {
            var present = locality.Wards.Where(wards.ByCode.ContainsKey).ToList();
            if (locality == focus && present.Count < locality.Wards.Count)
            {
                notes.Add($"Locality '{locality.Code}' was drawn on ward set '{locality.WardSet}': {locality.Wards.Count - present.Count} of its wards are not in ward set '{info.Id}' and are left out.");
            }
            var area = new ReportArea(locality.Code, locality.Name, present, false);
            var parents = present.Select(w => authorityOf[w]).Distinct().ToList();
            area.Parent = parents.Count == 1 ? parents[0] : everything;
            localityAreas.Add(area);
            if (locality == focus) focused = area;
        }

        var wardAreas = wards.Areas.Select(w => new ReportArea(w.Code, w.Name, [w.Code], true) { Parent = authorityOf[w.Code] }).ToList();
        if (focused is not null)
        {
            var inFocus = focused.Wards.ToHashSet(StringComparer.Ordinal);
            wardAreas = [.. wardAreas.Where(w => inFocus.Contains(w.Code))];
            foreach (var ward in wardAreas) ward.Parent = focused;
        }

        var reported = level switch
        {
            PerformanceLevel.Authority => authorities,
            PerformanceLevel.Locality => focused is null ? localityAreas : [focused],
            _ => wardAreas,
        };
        var siblingsFrom = level == PerformanceLevel.Locality ? localityAreas : reported;
        var siblings = siblingsFrom.GroupBy(a => a.Parent.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (level == PerformanceLevel.Locality && live.Count == 0) notes.Add("No locality has been made yet: there is nothing to report at level locality.");
        return new AreaPlan(
            [.. reported.OrderBy(a => a.Parent.Name, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Code, StringComparer.Ordinal)],
            siblings);
    }

    /// <summary>The groups and categories that hold a count in either period somewhere in the wards reported.</summary>
    private static List<CategoryGroup> Lines(IEnumerable<string> wards, Dictionary<string, long[,]> tallies)
    {
        var seen = new bool[Categories.Count];
        foreach (var ward in wards.Distinct(StringComparer.Ordinal))
        {
            var tally = tallies[ward];
            for (var c = 0; c < Categories.Count; c++) seen[c] |= tally[0, c] + tally[1, c] > 0;
        }
        return
        [
            .. GroupLines.Where(g => g.Members.Any(c => seen[(int)c])),
            .. Categories.All.Where(c => seen[(int)c]).Select(CategoryGroup.Single),
        ];
    }

    private static ConcentrationLine? Concentrate(ReportArea area, CategoryGroup line, AreaSet wards, Dictionary<string, long[,]> tallies, List<ConcentrationLine> lines)
    {
        var wardCodes = area.Wards;
        if (PerformanceFigures.Concentrate([.. wardCodes.Select(w => Sum(tallies, w, line, 1))]) is not { } c) return null;
        var codes = c.Indexes.Select(i => wardCodes[i]).ToList();
        var names = codes.Select(code => wards.ByCode[code].Name).ToList();
        var what = line == CategoryGroup.All ? "all the recorded incidents" : $"the {line.Slug} incidents";
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{c.Areas} of {area.Name}'s {wardCodes.Count} wards accounted for {c.SharePct:0.0}% of {what} ({c.Held} of {c.Total}): {string.Join(", ", names)}.");
        var concentration = new ConcentrationLine(area.Code, area.Name, line.Slug, c.Areas, wardCodes.Count, c.Held, c.Total, c.SharePct, codes, names, sentence);
        if (!lines.Any(l => l.AreaCode == area.Code && l.Category == line.Slug)) lines.Add(concentration);
        return concentration;
    }

    private static long Count(Dictionary<string, long[,]> tallies, ReportArea area, CategoryGroup line, int period) =>
        area.Wards.Sum(w => Sum(tallies, w, line, period));

    private static long Sum(Dictionary<string, long[,]> tallies, string ward, CategoryGroup line, int period)
    {
        var tally = tallies[ward];
        long sum = 0;
        foreach (var c in line.Members) sum += tally[period, (int)c];
        return sum;
    }

    private static PerformancePeriod Period(int first, int last) => new(PerformanceQuery.Format(first), PerformanceQuery.Format(last), last - first + 1);
}
