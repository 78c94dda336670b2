using System.Globalization;
using HotSpots.Application.Alerts;
using HotSpots.Application.Demo;
using HotSpots.Application.Replay;
using HotSpots.Domain.Alerts;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;

namespace HotSpots.Benchmarks;

/// <summary>
/// The alert rules' evaluation harness. Background: the real police.uk ASB rows of Thurrock (January to April 2018),
/// each spread over its month by <see cref="TimeSpreader"/> (seeded: day uniform, hour from the evening-heavy ASB
/// rhythm), and a seeded deliberate-fire background from <see cref="DemoModel"/>: about 300 a year for the borough,
/// heavier in spring, on summer evenings and around 5 November. Every rule is evaluated at the end of every hour, as
/// the service does at each clock hour, from the 36th day (when a full baseline exists) to the end of April, with
/// Benjamini–Hochberg across the 20 wards and the alert lifecycle (one alert per ward and group, 6-hour cool-down).
/// False alerts are alerts raised on the background. Then spikes of 3, 5 and 8 incidents spread at random over 24
/// hours are injected, one at a time, into a random ward at a random hour; a spike is detected when the rules flag
/// that ward and group within 48 hours of its start (trials where they already did just before are drawn again).
/// </summary>
internal static class AlertBenchmark
{
    private const int Days = 120;
    private const int Hours = Days * 24;
    private const int FirstDay = 36;
    private static readonly DateTimeOffset Start = new(2018, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Task<int> RunAsync(string[] args)
    {
        var data = Path.GetFullPath(Paths.Option(args, "--data", Path.Combine(Paths.Root, "..", "shared", "data")));
        var trials = int.Parse(Paths.Option(args, "--trials", "300"), CultureInfo.InvariantCulture);
        var seed = int.Parse(Paths.Option(args, "--seed", "1"), CultureInfo.InvariantCulture);
        var geography = GeographyModel.Load(new GeographyOptions { Wards = { Files = [Path.Combine(data, "boundaries", "essex-wards-2013", "E06000034.geojson")] } });
        var wards = geography.Wards.Areas;
        var counts = new Dictionary<string, int[][]>
        {
            ["asb"] = AsbBackground(data, geography, seed),
            ["deliberate-fires"] = FireBackground(geography, seed),
        };
        var rules = new AlertOptions().Rules.Select(r => r.Value.ToRule(r.Key, out _)!).ToList();
        var months = (Days - FirstDay) / (365.25 / 12);
        Console.WriteLine($"Alert evaluation: {wards.Count} Thurrock wards, {Start:yyyy-MM-dd} + {Days} days, evaluated hourly from day {FirstDay} ({months:0.0} months)");
        foreach (var (group, series) in counts)
            Console.WriteLine($"  background {group,-17} {series.Sum(w => w.Sum()),6:N0} incidents ({series.Sum(w => w.Sum()) / (Days / (365.25 / 12)) / wards.Count:0.0} per ward per month)");

        var sets = rules.Select(r => (Name: r.Id, Rules: (IReadOnlyList<AlertRule>)[r])).Append(("defaults", rules)).ToList();
        Console.WriteLine();
        Console.WriteLine($"{"rules",-14} {"false alerts",13}   {"spike of 3 in 24 h",-26} {"spike of 5 in 24 h",-26} {"spike of 8 in 24 h",-26}");
        Console.WriteLine($"{"",-14} {"/ward/month",13}   {"detected, median h, inc.",-26} {"detected, median h, inc.",-26} {"detected, median h, inc.",-26}");
        foreach (var (name, set) in sets)
        {
            var groups = set.Select(r => r.Group.Slug).Distinct().ToList();
            foreach (var group in groups)
            {
                var groupRules = set.Where(r => r.Group.Slug == group).ToList();
                var falseAlerts = CountRaised(groupRules, counts[group], wards) / months / wards.Count;
                var cells = new[] { 3, 5, 8 }.Select(size => Spikes(groupRules, counts[group], wards, size, trials, seed)).ToList();
                var label = groups.Count > 1 ? $"{name}: {(group == "asb" ? "asb" : "fires")}" : name;
                Console.WriteLine($"{label,-14} {falseAlerts,13:0.00}   {string.Join(" ", cells.Select(c => $"{c,-26}"))}");
            }
        }
        var total = rules.GroupBy(r => r.Group.Slug).Sum(g => CountRaised([.. g], counts[g.Key], wards)) / months / wards.Count;
        Console.WriteLine($"defaults, ASB and deliberate fires together: {total:0.00} false alerts per ward per month");
        return Task.FromResult(0);
    }

    /// <summary>Alerts the rules raise on the background, through the lifecycle, across all wards.</summary>
    private static int CountRaised(IReadOnlyList<AlertRule> rules, int[][] series, IReadOnlyList<Area> wards)
    {
        var desk = new AlertDesk(new AlertPolicy(), _ => "a");
        var raised = 0;
        var prefix = series.Select(Prefix).ToArray();
        for (var hour = FirstDay * 24; hour < Hours; hour++)
        {
            var fires = Evaluate(rules, prefix, hour);
            for (var w = 0; w < wards.Count; w++)
            {
                var change = desk.Apply(new AlertArea("wards", wards[w].Code, wards[w].Name), rules[0].Group.Slug, fires[w], Start.AddHours(hour + 1), 0);
                if (change?.Kind == AlertChangeKind.Raised) raised++;
            }
        }
        return raised;
    }

    /// <summary>Injects spikes one at a time; returns "detected%, median hours, median incidents".</summary>
    private static string Spikes(IReadOnlyList<AlertRule> rules, int[][] series, IReadOnlyList<Area> wards, int size, int trials, int seed)
    {
        // The same wards, hours and spikes for every rule set of a group, so that their figures compare like with like.
        var random = new Random(seed * 1000 + size * 10 + rules[0].Group.Slug.Length);
        var prefix = series.Select(Prefix).ToArray();
        var delays = new List<double>();
        var incidents = new List<int>();
        var done = 0;
        for (var attempt = 0; done < trials && attempt < trials * 5; attempt++)
        {
            var ward = random.Next(wards.Count);
            var start = random.Next((FirstDay + 2) * 24, Hours - 48);
            if (Evaluate(rules, prefix, start - 1)[ward].Any(e => e.Fires)) continue;
            done++;
            var spike = Enumerable.Range(0, size).Select(_ => start + random.Next(24)).Order().ToArray();
            var injected = (int[])series[ward].Clone();
            foreach (var h in spike) injected[h]++;
            var original = prefix[ward];
            prefix[ward] = Prefix(injected);
            for (var hour = start; hour < start + 48; hour++)
            {
                if (!Evaluate(rules, prefix, hour)[ward].Any(e => e.Fires)) continue;
                delays.Add(hour + 1 - start);
                incidents.Add(spike.Count(h => h <= hour));
                break;
            }
            prefix[ward] = original;
        }
        if (done == 0) return "no trials";
        if (delays.Count == 0) return "  0%,    - h,  -";
        return string.Create(CultureInfo.InvariantCulture,
            $"{100.0 * delays.Count / done,3:0}%, {Median(delays),4:0} h, {Median([.. incidents.Select(i => (double)i)]),2:0}");
    }

    /// <summary>Every ward's findings at the end of an hour, after the false-discovery step of each statistical rule.</summary>
    private static List<Evidence>[] Evaluate(IReadOnlyList<AlertRule> rules, long[][] prefix, int hour)
    {
        var result = Enumerable.Range(0, prefix.Length).Select(_ => new List<Evidence>()).ToArray();
        var signals = prefix.Select(p => Signal(p, hour)).ToArray();
        foreach (var rule in rules)
        {
            var evidence = signals.Select(s => RuleEvaluator.Evaluate(rule, s)).ToList();
            var keep = rule.IsStatistical && rule.FalseDiscoveryRate > 0
                ? BenjaminiHochberg.Reject([.. evidence.Select(e => e.PValue)], rule.FalseDiscoveryRate)
                : [.. evidence.Select(_ => true)];
            for (var w = 0; w < evidence.Count; w++) result[w].Add(evidence[w] with { Fires = evidence[w].Fires && keep[w] });
        }
        return result;
    }

    private static AreaSignal Signal(long[] prefix, int hour)
    {
        var days = new int[AreaSignal.DaysHeld];
        var today = hour / 24;
        for (var i = 0; i < days.Length; i++)
        {
            var day = today - (days.Length - 1 - i);
            days[i] = day < 0 ? 0 : (int)(Sum(prefix, day * 24, Math.Min(day * 24 + 23, hour)));
        }
        var hours = new int[AreaSignal.HoursHeld];
        for (var i = 0; i < hours.Length; i++)
        {
            var h = hour - (hours.Length - 1 - i);
            hours[i] = h < 0 ? 0 : (int)Sum(prefix, h, h);
        }
        return new AreaSignal(days, new int[AreaSignal.DaysHeld], hours, new int[AreaSignal.HoursHeld]);
    }

    private static long Sum(long[] prefix, int first, int last) => prefix[last + 1] - prefix[first];

    private static long[] Prefix(int[] series)
    {
        var prefix = new long[series.Length + 1];
        for (var i = 0; i < series.Length; i++) prefix[i + 1] = prefix[i] + series[i];
        return prefix;
    }

    /// <summary>police.uk ASB rows placed in the wards, each given an hour by the seeded spreader.</summary>
    private static int[][] AsbBackground(string data, GeographyModel geography, int seed)
    {
        var series = geography.Wards.Areas.Select(_ => new int[Hours]).ToArray();
        var index = geography.Wards.Areas.Select((a, i) => (a.Code, i)).ToDictionary(x => x.Code, x => x.i);
        foreach (var file in Directory.GetFiles(Path.Combine(data, "police-uk"), "*.csv").Order())
        {
            var row = 0;
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                row++;
                var f = line.Split(',');
                if (f.Length < 10 || f[^3] != "Anti-social behaviour") continue;
                if (!double.TryParse(f[4], CultureInfo.InvariantCulture, out var lon) || !double.TryParse(f[5], CultureInfo.InvariantCulture, out var lat)) continue;
                if (geography.Wards.Index.FindOne(lon, lat) is not { } ward) continue;
                var month = DateTimeOffset.ParseExact(f[1] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                var incident = new Incident("essex-police", $"{Path.GetFileName(file)}:{row}", Category.AntiSocialBehaviour,
                    new OccurredAt(month, TimePrecision.Month), lat, lon, null);
                var hour = (int)((TimeSpreader.Spread(incident, seed) - Start).TotalHours);
                if (hour is >= 0 and < Hours) series[index[ward.Code]][hour]++;
            }
        }
        return series;
    }

    /// <summary>The demo model's deliberate fires for the same months, per ward and hour.</summary>
    private static int[][] FireBackground(GeographyModel geography, int seed)
    {
        var model = new DemoModel(geography);
        var series = geography.Wards.Areas.Select(_ => new int[Hours]).ToArray();
        var first = Start.ToUnixTimeMilliseconds() / 3_600_000;
        for (var hour = 0; hour < Hours; hour++)
        {
            foreach (var incident in model.Hour(first + hour, DemoModel.HourRandom(seed, first + hour)))
            {
                if (incident.Category is Category.DeliberatePrimaryFire or Category.DeliberateSecondaryFire) series[incident.Ward][hour]++;
            }
        }
        return series;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
