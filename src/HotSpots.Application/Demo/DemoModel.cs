using HotSpots.Domain.Alerts;
using HotSpots.Domain.Incidents;
using HotSpots.Domain.Patterns;
using HotSpots.Geography;
using HotSpots.Geography.Demo;

namespace HotSpots.Application.Demo;

/// <summary>A demo incident: what, when and where.</summary>
public readonly record struct DemoIncident(Category Category, DateTimeOffset At, double Latitude, double Longitude, int Ward);

/// <summary>
/// The demo feed's rates: each Thurrock ward's real mean monthly counts (police.uk, January to April 2018, kept as
/// figures in <see cref="ThurrockFigures"/>), shaped through the day, week and year by <see cref="IncidentRhythm"/>.
/// Deliberate fires are about 300 a year across the borough (the partnership reports 529 fire incidents a year; most
/// are deliberate secondary fires), shared between wards like criminal damage. Wards without figures (other
/// boundaries) get Thurrock's average ward. <see cref="Intensity"/> scales every rate.
/// </summary>
public sealed class DemoModel
{
    public const double FiresPerYear = 300;

    private const double HoursPerMonth = 730.5;

    private static readonly Category[] Asb =
        [.. Enumerable.Repeat(Category.AntiSocialBehaviour, 17), Category.YouthNuisance, Category.FlyTipping, Category.NeighbourNuisance];

    private static readonly Category[] Fires = [Category.DeliberateSecondaryFire, Category.DeliberateSecondaryFire, Category.DeliberateSecondaryFire, Category.DeliberatePrimaryFire];

    private static readonly Category[] Violence = [.. Enumerable.Repeat(Category.ViolentCrime, 18), Category.Robbery, Category.PossessionOfWeapons];

    private static readonly Category[] Other =
    [
        Category.Burglary, Category.VehicleCrime, Category.Shoplifting, Category.OtherTheft, Category.PublicOrder,
        Category.Drugs, Category.TheftFromThePerson, Category.BicycleTheft, Category.OtherCrime,
    ];

    private readonly List<(AreaSampler Sampler, (double PerMonth, Category[] Categories)[] Kinds)> _wards;

    public DemoModel(GeographyModel geography, double intensity = 1)
    {
        Intensity = intensity;
        var figures = ThurrockFigures.Wards.ToDictionary(w => w.Code);
        var damageTotal = ThurrockFigures.Wards.Sum(w => w.DamagePerMonth);
        _wards = [.. geography.Wards.Areas.Select(area =>
        {
            var f = figures.GetValueOrDefault(area.Code) ?? new ThurrockFigures.DemoWard(area.Code, area.Name,
                ThurrockFigures.Wards.Average(w => w.AsbPerMonth), damageTotal / ThurrockFigures.Wards.Count,
                ThurrockFigures.Wards.Average(w => w.ViolencePerMonth), ThurrockFigures.Wards.Average(w => w.OtherPerMonth), []);
            return (new AreaSampler(area), new (double, Category[])[]
            {
                (f.AsbPerMonth, Asb),
                (FiresPerYear / 12 * f.DamagePerMonth / damageTotal, Fires),
                (f.DamagePerMonth, [Category.CriminalDamageArson]),
                (f.ViolencePerMonth, Violence),
                (f.OtherPerMonth, Other),
            });
        })];
    }

    public double Intensity { get; }

    public IReadOnlyList<Area> Wards => [.. _wards.Select(w => w.Sampler.Area)];

    /// <summary>The expected incidents of a ward's kind in an hour, at that hour of UK time.</summary>
    private double Rate(int ward, int kind, DateTime ukLocal) =>
        _wards[ward].Kinds[kind].PerMonth / HoursPerMonth * IncidentRhythm.At(_wards[ward].Kinds[kind].Categories[0], ukLocal) * Intensity;

    /// <summary>Expected incidents per hour across every ward at a moment.</summary>
    public double TotalRate(DateTimeOffset at)
    {
        var local = Application.UkTime.From(at);
        var total = 0d;
        for (var w = 0; w < _wards.Count; w++)
        {
            for (var k = 0; k < _wards[w].Kinds.Length; k++) total += Rate(w, k, local);
        }
        return total;
    }

    /// <summary>
    /// A generator for one hour of history that is the same in every process (HashCode is randomised per process), so
    /// a restarted feed re-creates the same history and the store drops it as duplicates.
    /// </summary>
    public static Random HourRandom(int seed, long hour)
    {
        // SplitMix64's finaliser over the seed and the hour.
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)hour);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return new Random((int)(z ^ (z >> 31)));
    }

    /// <summary>One hour's incidents (hour = hours since the Unix epoch), drawn with the given generator.</summary>
    public IEnumerable<DemoIncident> Hour(long hour, Random random)
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(hour * 3_600_000);
        var local = Application.UkTime.From(start);
        for (var w = 0; w < _wards.Count; w++)
        {
            for (var k = 0; k < _wards[w].Kinds.Length; k++)
            {
                for (var n = Poisson.Sample(random, Rate(w, k, local)); n > 0; n--)
                {
                    var (lat, lon) = _wards[w].Sampler.Next(random);
                    var categories = _wards[w].Kinds[k].Categories;
                    yield return new DemoIncident(categories[random.Next(categories.Length)], start.AddMilliseconds(random.NextInt64(3_600_000)), lat, lon, w);
                }
            }
        }
    }

    /// <summary>One incident at a moment, its ward and kind drawn in proportion to their rates then.</summary>
    public DemoIncident At(DateTimeOffset at, Random random)
    {
        var local = Application.UkTime.From(at);
        var x = random.NextDouble() * TotalRate(at);
        for (var w = 0; w < _wards.Count; w++)
        {
            for (var k = 0; k < _wards[w].Kinds.Length; k++)
            {
                if ((x -= Rate(w, k, local)) > 0 && !(w == _wards.Count - 1 && k == _wards[w].Kinds.Length - 1)) continue;
                var (lat, lon) = _wards[w].Sampler.Next(random);
                var categories = _wards[w].Kinds[k].Categories;
                return new DemoIncident(categories[random.Next(categories.Length)], at, lat, lon, w);
            }
        }
        throw new InvalidOperationException("the demo model has no wards");
    }
}
