using HotSpots.Application.Areas;
using HotSpots.Application.Demo;
using HotSpots.Application.Ingest;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Grains;
using HotSpots.Store;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Demo;

/// <summary>
/// Makes the embedded default come alive with Thurrock's real rhythm (<see cref="DemoModel"/>). First it backfills
/// the history the baselines need (as many hours as the monitors hold); each hour's incidents come from a generator
/// seeded by that hour, so a restart re-creates the same ids and the store's idempotency drops them. Then it posts
/// live incidents through the same ingest path, as a Poisson process at the rate of the moment: busier in the
/// evening and at weekends, quieter at night. All of it is recorded under the source <c>demo-feed</c>. It is a cluster duty: one node feeds the demo however many run.
/// </summary>
public sealed class DemoFeed(
    IncidentIngestor ingestor,
    IIncidentStore store,
    ICurrentGeography current,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoFeed> logger) : IClusterDuty
{
    public const string Source = "demo-feed";

    private readonly Random _live = new();

    /// <summary>On as configured (by default with the demo geography), and never on a replay store, which takes replays only.</summary>
    public static bool IsEnabled(DemoOptions options, GeographyModel geography, IIncidentStore store) =>
        store.Purpose == StorePurpose.Live && (options.Feed ?? geography.IsDemo);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var geography = current.Geography;
        if (!IsEnabled(options.Value, geography, store)) return;
        var model = new DemoModel(geography, options.Value.Intensity);
        await BackfillAsync(model, cancellationToken);
        await RunLiveAsync(model, cancellationToken);
    }

    private async Task BackfillAsync(DemoModel model, CancellationToken cancellationToken)
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
            var n = 0;
            foreach (var incident in model.Hour(hour, DemoModel.HourRandom(options.Value.Seed, hour)))
                batch.Add(Submission($"history-{hour}-{n++}", incident));
            if (batch.Count >= 2000 || hour == lastHour)
            {
                total += batch.Count;
                await ingestor.IngestAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        logger.LogInformation("Demo feed: history backfilled with {Count} incidents; live demo incidents follow", total);
    }

    private async Task RunLiveAsync(DemoModel model, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        for (var n = 0; !cancellationToken.IsCancellationRequested;)
        {
            // The rate changes through the day, so a long gap is cut at a minute and drawn again (a Poisson process has
            // no memory, so this changes nothing else).
            var perSecond = model.TotalRate(time.GetUtcNow()) / 3600;
            var gap = TimeSpan.FromSeconds(-Math.Log(1 - _live.NextDouble()) / Math.Max(perSecond, 1e-6));
            if (gap > TimeSpan.FromMinutes(1))
            {
                await Task.Delay(TimeSpan.FromMinutes(1), time, cancellationToken);
                continue;
            }
            await Task.Delay(gap, time, cancellationToken);
            var incident = model.At(time.GetUtcNow(), _live);
            await ingestor.IngestAsync([Submission($"live-{runId}-{n++}", incident)], cancellationToken);
        }
    }

    private static IncidentSubmission Submission(string id, DemoIncident incident) =>
        new(Source, id, incident.Category.Slug(), OccurredAt.Exact(incident.At).ToString(), incident.Latitude, incident.Longitude, null, null, null);
}
