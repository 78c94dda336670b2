using HotSpots.Application.Alerts;
using HotSpots.Application.Areas;
using HotSpots.Application.Ingest;
using HotSpots.Application.Monitoring;
using HotSpots.Domain.Alerts;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Geography.Demo;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace HotSpots.Grains.Tests;

public sealed class ExactlyOnceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 20, 30, 0, TimeSpan.Zero);
    private static readonly AreaKey Ward = new(AreaSetKind.Wards, "E05002235");
    private static readonly HeatQuery Week = new(CategoryGroup.All, HeatWindow.Week, 0, new Coverage(null, null));

    private static CountedIncident Asb(long sequence) => new(sequence, Category.AntiSocialBehaviour, OccurredAt.Exact(Now.AddHours(-1)));

    private static AreaBatch Batch(long previous, long upTo, params long[] sequences) => new(Ward, previous, upTo, [.. sequences.Select(Asb)]);

    [Fact]
    public async Task Replayed_batches_at_the_same_positions_out_of_order_or_after_a_checkpoint_change_nothing()
    {
        await using var rig = await GrainRig.StartAsync(Now);
        var grain = rig.Grains.GetGrain<IAreaGrain>(AreaSets.GrainKey(Ward, "demo", "test"));

        await grain.ApplyAsync(Batch(0, 3, 1, 2, 3));
        await grain.ApplyAsync(Batch(0, 3, 1, 2, 3));
        await grain.ApplyAsync(Batch(0, 2, 1, 2));
        Assert.Equal(3, (await grain.GetHeatAsync(Week)).Observed);

        Assert.False((await grain.CheckpointAsync(3, 3)).Gap);
        await rig.Silos.Cluster.DeactivateAsync(grain);
        Assert.Equal(3, await grain.GetThroughAsync());
        Assert.Equal(3, (await grain.GetHeatAsync(Week)).Observed);

        await grain.ApplyAsync(Batch(0, 3, 1, 2, 3));
        await grain.ApplyAsync(Batch(3, 5, 4, 5));
        await grain.ApplyAsync(Batch(0, 5, 2, 4, 5));
        Assert.Equal(5, (await grain.GetHeatAsync(Week)).Observed);
        Assert.Equal(5, await grain.GetThroughAsync());
    }

    [Fact]
    public async Task A_grain_that_holds_less_than_its_previous_batch_says_so_and_applies_nothing()
    {
        await using var rig = await GrainRig.StartAsync(Now);
        var grain = rig.Grains.GetGrain<IAreaGrain>(AreaSets.GrainKey(Ward, "demo", "gap"));
        await grain.ApplyAsync(Batch(0, 2, 1, 2));

        var applied = await grain.ApplyAsync(Batch(4, 6, 5, 6));
        var checkpoint = await grain.CheckpointAsync(4, 6);

        Assert.Equal(new AreaApplied(2, Gap: true), applied);
        Assert.Equal(new AreaApplied(2, Gap: true), checkpoint);
        Assert.Equal(2, (await grain.GetHeatAsync(Week)).Observed);
        Assert.Equal(2, await grain.GetThroughAsync());
    }

    private static AreaBatch Handed(long after, long upTo, params long[] sequences) => Batch(after, upTo, sequences) with { Handed = true };

    [Fact]
    public async Task A_stretch_handed_over_ahead_counts_at_once_and_the_readers_batches_over_it_count_it_no_second_time()
    {
        await using var rig = await GrainRig.StartAsync(Now);
        var grain = rig.Grains.GetGrain<IAreaGrain>(AreaSets.GrainKey(Ward, "demo", "handed"));
        await grain.ApplyAsync(Batch(0, 2, 1, 2));

        Assert.False((await grain.ApplyAsync(Handed(5, 7, 6, 7))).Gap);
        await grain.ApplyAsync(Handed(9, 10, 10));
        await grain.ApplyAsync(Handed(5, 7, 6, 7));
        Assert.Equal(5, (await grain.GetHeatAsync(Week)).Observed);
        Assert.Equal(2, await grain.GetThroughAsync());

        await grain.ApplyAsync(Batch(2, 8, 3, 6, 7, 8));
        Assert.Equal(7, (await grain.GetHeatAsync(Week)).Observed);
        Assert.Equal(8, await grain.GetThroughAsync());

        // The stretch at 10 outlives a restart in the grain's checkpoint, and the reader's batch reaching it joins it.
        await rig.Silos.Cluster.DeactivateAsync(grain);
        await grain.ApplyAsync(Batch(8, 12, 9, 10, 12));
        Assert.Equal(9, (await grain.GetHeatAsync(Week)).Observed);
        Assert.Equal(12, await grain.GetThroughAsync());
    }

    [Fact]
    public async Task Stretches_handed_over_that_touch_or_overlap_join_one_another_and_what_the_grain_holds()
    {
        await using var rig = await GrainRig.StartAsync(Now);
        var grain = rig.Grains.GetGrain<IAreaGrain>(AreaSets.GrainKey(Ward, "demo", "stretches"));

        await grain.ApplyAsync(Handed(5, 7, 7));
        await grain.ApplyAsync(Handed(9, 11, 11));
        await grain.ApplyAsync(Handed(6, 9, 8));
        await grain.ApplyAsync(Handed(2, 4, 3));
        Assert.Equal(0, await grain.GetThroughAsync());

        await grain.ApplyAsync(Batch(0, 2, 1));
        Assert.Equal(4, await grain.GetThroughAsync());
        await grain.ApplyAsync(Batch(4, 5, 5));
        Assert.Equal(11, await grain.GetThroughAsync());
        Assert.Equal(6, (await grain.GetHeatAsync(Week)).Observed);
    }

    /// <summary>
    /// The grain writes its checkpoint, takes a handed stretch, and comes back from that checkpoint (as a silo that died
    /// before its next write would leave it): the stretch is lost, and the reader's batch over it counts it once.
    /// </summary>
    [Fact]
    public async Task A_handed_stretch_a_grain_lost_in_a_crash_is_counted_from_the_readers_batch()
    {
        await using var rig = await GrainRig.StartAsync(Now);
        var grain = rig.Grains.GetGrain<IAreaGrain>(AreaSets.GrainKey(Ward, "demo", "lost"));
        var stateKey = grain.GetGrainId().ToString();
        await grain.ApplyAsync(Batch(0, 2, 1, 2));
        await grain.CheckpointAsync(2, 2);
        var older = await rig.State.ReadAsync("area", stateKey);

        await grain.ApplyAsync(Handed(4, 6, 5, 6));
        await rig.Silos.Cluster.DeactivateAsync(grain);
        var newer = await rig.State.ReadAsync("area", stateKey);
        await rig.State.WriteAsync("area", stateKey, older!.Payload, newer!.ETag);
        Assert.Equal(2, (await grain.GetHeatAsync(Week)).Observed);

        await grain.ApplyAsync(Batch(2, 6, 3, 5, 6));
        Assert.Equal(5, (await grain.GetHeatAsync(Week)).Observed);
        Assert.Equal(6, await grain.GetThroughAsync());
    }

    [Fact]
    public async Task A_grain_says_how_far_its_written_checkpoint_goes_and_the_first_incident_it_has_not_written()
    {
        await using var rig = await GrainRig.StartAsync(Now);
        var grain = rig.Grains.GetGrain<IAreaGrain>(AreaSets.GrainKey(Ward, "demo", "written"));

        await grain.ApplyAsync(Batch(0, 3, 1, 2, 3));
        Assert.Equal(new AreaWritten(0, 1, Gap: false), await grain.GetWrittenAsync(3));

        await grain.CheckpointAsync(3, 3);
        Assert.Equal(new AreaWritten(3, null, Gap: false), await grain.GetWrittenAsync(3));

        await grain.ApplyAsync(Batch(3, 8, 6, 7));
        await grain.ApplyAsync(Batch(8, 10));
        Assert.Equal(new AreaWritten(3, 6, Gap: false), await grain.GetWrittenAsync(10));
        Assert.Equal(new AreaWritten(10, null, Gap: true), await grain.GetWrittenAsync(12));

        await rig.Silos.Cluster.DeactivateAsync(grain);
        Assert.Equal(new AreaWritten(10, null, Gap: false), await grain.GetWrittenAsync(10));
        Assert.Equal(5, (await grain.GetHeatAsync(Week)).Observed);
    }

    [Fact]
    public async Task A_silo_killed_mid_stream_loses_no_incident_counts_none_twice_and_raises_an_alert_once()
    {
        await using var rig = await GrainRig.StartAsync(Now, silos: 2);
        var geography = GeographyModel.Load(new GeographyOptions());
        var monitors = new MonitorDirectory(rig.Grains);
        monitors.Load(geography);
        var signal = new IncidentLogSignal();
        var ingestor = new IncidentIngestor(rig.Store, new FixedGeography(geography), signal, rig.Time);
        var tailer = new IncidentLogTailer(rig.Store, monitors, signal, rig.State, Options.Create(new MonitoringOptions { PageSize = 50 }), rig.Time);
        var recorder = new Recorder();
        var alerts = new AlertEngine(monitors, new SqliteAlertStore(rig.Store), new AlertOptions
        {
            UpdateInterval = TimeSpan.Zero,
            Rules = new(StringComparer.OrdinalIgnoreCase)
            {
                ["fires-24h"] = new() { Method = "threshold", Group = "deliberate-fires", Count = 4, Window = TimeSpan.FromHours(24), Severity = "high" },
            },
        }, rig.Time, [recorder]);
        await tailer.StartAsync();
        await alerts.StartAsync();

        var expected = new Dictionary<string, int>();
        var next = 0;
        async Task StreamAsync(int batches, string category = "anti-social-behaviour", string? onlyWard = null)
        {
            for (var b = 0; b < batches; b++)
            {
                var items = Enumerable.Range(0, 20).Select(_ =>
                {
                    var ward = onlyWard is null ? ThurrockFigures.Wards[next % ThurrockFigures.Wards.Count] : ThurrockFigures.Wards.Single(w => w.Code == onlyWard);
                    var seed = ward.Seeds[next % ward.Seeds.Length];
                    next++;
                    return new IncidentSubmission("essex-police", $"s{next}", category, Now.AddMinutes(-30).ToString("O"), seed.Latitude, seed.Longitude, null, null, null);
                }).ToList();
                foreach (var result in await ingestor.IngestAsync(items)) expected[result.Ward!] = expected.GetValueOrDefault(result.Ward!) + 1;
                await tailer.ApplyPendingAsync();
                await alerts.EvaluateAsync(null, tailer.AppliedSequence);
            }
        }

        await StreamAsync(10);
        await tailer.CheckpointAsync();
        await StreamAsync(10);
        await StreamAsync(1, "deliberate-secondary-fire", "E05002247");

        var management = rig.Grains.GetGrain<IManagementGrain>(0);
        var placed = (await management.GetDetailedGrainStatistics()).Where(s => s.GrainType.Contains(nameof(AreaGrain), StringComparison.Ordinal)).ToList();
        Assert.Equal(2, placed.Select(s => s.SiloAddress).Distinct().Count());
        var victim = rig.Silos.Cluster.Silos[1];
        Assert.Contains(placed, s => s.SiloAddress.Equals(victim.SiloAddress));

        // What grains on that silo counted since the checkpoint is lost with it; the log gives it back.
        await rig.Silos.Cluster.KillSiloAsync(victim);
        await rig.Silos.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        await StreamAsync(10);
        await StreamAsync(1, "deliberate-secondary-fire", "E05002247");
        await tailer.CheckpointAsync();

        foreach (var ward in geography.Wards.Areas)
        {
            var heat = await monitors.Get(new AreaKey(AreaSetKind.Wards, ward.Code)).GetHeatAsync(Week with { Coverage = monitors.Coverage });
            Assert.Equal(expected.GetValueOrDefault(ward.Code), heat.Observed);
        }
        Assert.Equal(expected.Values.Sum(), await rig.Store.CountAsync());
        Assert.Equal(1, recorder.All.Count(c => c.Kind == AlertChangeKind.Raised));
        Assert.Equal(40, recorder.All.Last().Alert.Lead.Observed);
    }

    private sealed class Recorder : IAlertObserver
    {
        public List<AlertChange> All { get; } = [];

        public Task AlertChangedAsync(AlertChange change, CancellationToken cancellationToken)
        {
            All.Add(change);
            return Task.CompletedTask;
        }
    }
}
