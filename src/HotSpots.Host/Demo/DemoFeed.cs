using HotSpots.Application.Ingest;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Geography.Demo;
using HotSpots.Store;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace HotSpots.Host.Demo;

/// <summary>Bound from <c>HotSpots:Demo</c>.</summary>
public sealed class DemoOptions
{
    /// <summary>The seeded demo feed; unset means on exactly when no ward files are configured.</summary>
    public bool? Feed { get; set; }

    /// <summary>Live demo incidents per minute, on average.</summary>
    public double LiveRatePerMinute { get; set; } = 12;

    public int Seed { get; set; } = 2018;
}

/// <summary>
/// Makes the embedded default come alive. First it backfills the history the baselines need (as many hours as the
/// monitors hold) at each Thurrock ward's real monthly rates, with evening-heavy hours for ASB and fires; each hour's
/// incidents come from a generator seeded by that hour and ward, so a restart re-creates the same ids and the store's
/// idempotency drops them. Then it posts live incidents through the same ingest path: half where the ward's normal
/// mix would put them and half in a "hot" ward that moves on every few minutes, so the map visibly heats and cools.
/// All of it is recorded under the source <c>demo-feed</c>.
/// </summary>
public sealed class DemoFeed(
    IncidentIngestor ingestor,
    IIncidentStore store,
    GeographyModel geography,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoFeed> logger) : BackgroundService
{
    public const string Source = "demo-feed";

    private static readonly double[] EveningHeavy =
        [0.5, 0.4, 0.3, 0.3, 0.3, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 1.0, 1.1, 1.3, 1.6, 1.8, 1.9, 1.9, 1.8, 1.5, 1.1, 0.8];

    private static readonly Category[] Asb =
        [.. Enumerable.Repeat(Category.AntiSocialBehaviour, 17), Category.YouthNuisance, Category.FlyTipping, Category.NeighbourNuisance];

    private static readonly Category[] Fires = [Category.DeliberateSecondaryFire, Category.DeliberateSecondaryFire, Category.DeliberateSecondaryFire, Category.DeliberatePrimaryFire];

    private static readonly Category[] Violence = [.. Enumerable.Repeat(Category.ViolentCrime, 18), Category.Robbery, Category.PossessionOfWeapons];

    private static readonly Category[] Other =
    [
        Category.Burglary, Category.VehicleCrime, Category.Shoplifting, Category.OtherTheft, Category.PublicOrder,
        Category.Drugs, Category.TheftFromThePerson, Category.BicycleTheft, Category.OtherCrime,
    ];

    /// <summary>About 300 deliberate fires a year across the borough, shared out like criminal damage.</summary>
    private const double FiresPerMonth = 25;

    private readonly Random _live = new();

    public static bool IsEnabled(DemoOptions options, GeographyModel geography) => options.Feed ?? geography.IsDemo;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var wards = Profiles();
            await BackfillAsync(wards, stoppingToken);
            await RunLiveAsync(wards, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task BackfillAsync(IReadOnlyList<WardProfile> wards, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lastHour = AreaCounts.HourIndex(now) - 1;
        var firstHour = lastHour - HeatWindow.HoursHeld + 1;
        if (await store.LatestOccurredAtAsync(Source, cancellationToken) is { } latest)
            firstHour = Math.Max(firstHour, AreaCounts.HourIndex(latest));

        var batch = new List<IncidentSubmission?>();
        var total = 0;
        for (var hour = firstHour; hour <= lastHour; hour++)
        {
            var hourOfDay = (int)(((hour % 24) + 24) % 24);
            foreach (var ward in wards)
            {
                var random = new Random(HashCode.Combine(options.Value.Seed, hour, ward.Index));
                var n = 0;
                foreach (var (perMonth, categories, shaped) in ward.Kinds)
                {
                    var rate = perMonth / 730.5 * (shaped ? EveningHeavy[hourOfDay] : 1);
                    for (var k = Poisson(random, rate); k > 0; k--)
                    {
                        var at = DateTimeOffset.FromUnixTimeMilliseconds(hour * 3_600_000 + random.NextInt64(3_600_000));
                        batch.Add(Submission($"history-{hour}-{ward.Area.Code}-{n++}", categories[random.Next(categories.Length)], at, ward.RandomPoint(random)));
                    }
                }
            }
            if (batch.Count >= 2000 || hour == lastHour)
            {
                total += batch.Count;
                await ingestor.IngestAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        logger.LogInformation("Demo feed: history backfilled with {Count} incidents; live demo incidents follow", total);
    }

    private async Task RunLiveAsync(IReadOnlyList<WardProfile> wards, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var hot = wards[_live.Next(wards.Count)];
        var hotUntil = time.GetUtcNow().AddMinutes(3);
        var weights = wards.Select(w => w.Kinds.Sum(k => k.PerMonth)).ToArray();
        for (var n = 0; !cancellationToken.IsCancellationRequested; n++)
        {
            var now = time.GetUtcNow();
            if (now >= hotUntil)
            {
                hot = wards[_live.Next(wards.Count)];
                hotUntil = now.AddMinutes(3);
            }
            var ward = _live.NextDouble() < 0.5 ? hot : wards[Pick(_live, weights)];
            var kind = ward.Kinds[Pick(_live, [.. ward.Kinds.Select(k => k.PerMonth)])];
            await ingestor.IngestAsync([Submission($"live-{runId}-{n}", kind.Categories[_live.Next(kind.Categories.Length)], now, ward.RandomPoint(_live))], cancellationToken);

            var gap = -Math.Log(1 - _live.NextDouble()) * 60 / Math.Max(0.1, options.Value.LiveRatePerMinute);
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(gap, 60)), time, cancellationToken);
        }
    }

    private List<WardProfile> Profiles()
    {
        var figures = ThurrockFigures.Wards.ToDictionary(w => w.Code);
        var damageTotal = ThurrockFigures.Wards.Sum(w => w.DamagePerMonth);
        return [.. geography.Wards.Areas.Select((area, i) =>
        {
            // Wards without figures (configured boundaries elsewhere) get Thurrock's average ward.
            var f = figures.GetValueOrDefault(area.Code) ?? new ThurrockFigures.DemoWard(area.Code, area.Name,
                ThurrockFigures.Wards.Average(w => w.AsbPerMonth), damageTotal / ThurrockFigures.Wards.Count,
                ThurrockFigures.Wards.Average(w => w.ViolencePerMonth), ThurrockFigures.Wards.Average(w => w.OtherPerMonth), []);
            return new WardProfile(i, area,
            [
                (f.AsbPerMonth, Asb, true),
                (FiresPerMonth * f.DamagePerMonth / damageTotal, Fires, true),
                (f.DamagePerMonth, [Category.CriminalDamageArson], true),
                (f.ViolencePerMonth, Violence, false),
                (f.OtherPerMonth, Other, false),
            ]);
        })];
    }

    private static IncidentSubmission Submission(string id, Category category, DateTimeOffset at, Coordinate point) =>
        new(Source, id, category.Slug(), OccurredAt.Exact(at).ToString(), point.Y, point.X, null, null, null);

    private static int Poisson(Random random, double lambda)
    {
        var limit = Math.Exp(-lambda);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }

    private static int Pick(Random random, double[] weights)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            if ((x -= weights[i]) <= 0) return i;
        }
        return weights.Length - 1;
    }

    private sealed class WardProfile(int index, Area area, (double PerMonth, Category[] Categories, bool EveningHeavy)[] kinds)
    {
        private readonly IPreparedGeometry _shape = new PreparedGeometryFactory().Create(area.Geometry);
        private readonly GeometryFactory _factory = new(new PrecisionModel(), 4326);

        public int Index { get; } = index;

        public Area Area { get; } = area;

        public (double PerMonth, Category[] Categories, bool EveningHeavy)[] Kinds { get; } = kinds;

        /// <summary>A uniformly random point inside the ward (rejection sampling within its envelope).</summary>
        public Coordinate RandomPoint(Random random)
        {
            var envelope = Area.Geometry.EnvelopeInternal;
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var c = new Coordinate(envelope.MinX + random.NextDouble() * envelope.Width, envelope.MinY + random.NextDouble() * envelope.Height);
                if (_shape.ContainsProperly(_factory.CreatePoint(c))) return c;
            }
            return Area.Geometry.InteriorPoint.Coordinate;
        }
    }
}
