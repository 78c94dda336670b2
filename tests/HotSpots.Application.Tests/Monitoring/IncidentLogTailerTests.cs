using HotSpots.Application.Ingest;
using HotSpots.Application.Monitoring;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Grains;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Tests.Monitoring;

public class IncidentLogTailerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ingested_incidents_are_counted_by_their_ward_and_zone_monitors()
    {
        await using var h = await Harness.StartAsync(Now);
        await h.Ingestor.IngestAsync(
        [
            Harness.At("1", "anti-social-behaviour", Now.AddHours(-1)),
            Harness.At("2", "youth-nuisance", Now.AddHours(-2)),
            Harness.At("3", "burglary", Now.AddHours(-3)),
            Harness.At("4", "anti-social-behaviour", Now.AddHours(-4), lat: 51.5250, lon: 0.4600),
        ]);

        await h.Tailer.CatchUpAsync();

        var wards = await h.Heat.GetAsync(new HeatSelection(AreaSetKind.Wards, CategoryGroup.Asb, HeatWindow.Day, 0));
        Assert.Equal(2, wards.Areas.Single(a => a.Code == "E05002235").Observed);
        Assert.Equal(3, wards.Areas.Sum(a => a.Observed));
        var zones = await h.Heat.GetAsync(new HeatSelection(AreaSetKind.Zones, CategoryGroup.All, HeatWindow.Day, 0));
        Assert.Equal(3, zones.Areas.Single(a => a.Code == "op-grip-grays").Observed);
        Assert.Equal(1, zones.Areas.Single(a => a.Code == "op-minerva-corringham").Observed);
        Assert.Equal("demo", wards.Geography);
    }

    [Fact]
    public async Task A_handed_batch_with_a_hole_in_its_sequences_is_not_trusted_and_the_log_is_read_instead()
    {
        await using var h = await Harness.StartAsync(Now);
        var stored = await h.Store.AppendAsync([.. Enumerable.Range(1, 3).Select(i =>
            new Incident("essex-police", $"hole-{i}", Category.AntiSocialBehaviour, OccurredAt.Exact(Now.AddHours(-i)), 51.4757, 0.3217, null))]);

        h.Signal.Notify([stored.Appended[0], stored.Appended[2]]);
        await h.Tailer.ApplyPendingAsync();

        var wards = await h.Heat.GetAsync(new HeatSelection(AreaSetKind.Wards, CategoryGroup.Asb, HeatWindow.Day, 0));
        Assert.Equal(3, wards.Areas.Sum(a => a.Observed));
        Assert.Equal(stored.Appended[2].Sequence, h.Tailer.AppliedSequence);
    }

    [Fact]
    public async Task Monitors_rebuilt_from_the_store_on_a_new_node_match_the_live_ones()
    {
        await using var h = await Harness.StartAsync(Now);
        var random = new Random(7);
        var batch = Enumerable.Range(0, 300).Select(i =>
            Harness.At($"r{i}", Categories.All[random.Next(Categories.Count)].Slug(), Now.AddHours(-random.Next(0, 2000)),
                51.47 + random.NextDouble() * 0.06, 0.25 + random.NextDouble() * 0.2)).ToList();
        await h.Ingestor.IngestAsync(batch);
        await h.Tailer.CatchUpAsync();

        await using var restarted = await Harness.StartAsync(Now, storePath: h.StorePath);
        await restarted.Tailer.CatchUpAsync();

        foreach (var window in new[] { HeatWindow.Day, HeatWindow.Week, HeatWindow.FourWeeks })
        {
            var selection = new HeatSelection(AreaSetKind.Wards, CategoryGroup.All, window, 0);
            Assert.Equal(await h.Heat.GetAsync(selection), await restarted.Heat.GetAsync(selection), HeatComparer.Instance);
        }
        Assert.Equal(h.Tailer.AppliedSequence, restarted.Tailer.AppliedSequence);
    }

    [Fact]
    public async Task The_running_tailer_is_woken_by_an_append_without_waiting_for_its_poll()
    {
        await using var h = await Harness.StartAsync(Now);
        using var stop = new CancellationTokenSource();
        var running = h.Tailer.RunAsync(stop.Token);
        var changed = await WardPushedAsync(h);

        await h.Ingestor.IngestAsync([Harness.At("x", "deliberate-secondary-fire", Now)]);

        await changed.Pushed.WaitAsync(TimeSpan.FromSeconds(10));
        await h.Tailer.WhenAppliedAsync(1).WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(running.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Baselines_only_count_the_time_the_store_covers()
    {
        await using var h = await Harness.StartAsync(Now);
        // Data begins three days ago with one incident a day before today's window, then two today:
        // expected is about one a day, not 2/28 as a full 28-day baseline of mostly empty days would say.
        await h.Ingestor.IngestAsync(
        [
            Harness.At("d3", "drugs", Now.AddDays(-3)),
            Harness.At("d2", "drugs", Now.AddDays(-2)),
            Harness.At("t1", "drugs", Now.AddHours(-1)),
            Harness.At("t2", "drugs", Now.AddHours(-2)),
        ]);
        await h.Tailer.CatchUpAsync();

        var heat = await h.Heat.GetAsync(new HeatSelection(AreaSetKind.Wards, CategoryGroup.All, HeatWindow.Day, 0), ["E05002235"]);

        var grays = Assert.Single(heat.Areas);
        Assert.Equal(2, grays.Observed);
        Assert.InRange(grays.Expected, 0.9, 1.1);
    }

    [Fact]
    public async Task A_stray_incident_years_before_the_data_does_not_open_the_baseline_nor_does_it_after_a_restart()
    {
        await using var h = await Harness.StartAsync(Now);
        await h.Ingestor.IngestAsync([Harness.At("stray", "drugs", new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))]);
        await h.Ingestor.IngestAsync(TenDaysOfFourADay());
        await h.Tailer.CatchUpAsync();
        await h.Tailer.CheckpointAsync();

        await using var restarted = await Harness.StartAsync(Now, storePath: h.StorePath);
        await restarted.Tailer.StartAsync();

        foreach (var node in new[] { h, restarted })
        {
            var day = Assert.Single((await node.Heat.GetAsync(new HeatSelection(AreaSetKind.Wards, CategoryGroup.All, HeatWindow.Day, 0), ["E05002235"])).Areas);
            // 36 incidents over the 8 days and 4 hours the data covers before today's window: about 4.4 a day, not 36 / 28.
            Assert.InRange(day.Expected, 4.2, 4.6);
            Assert.True(day.HasBaseline);
            var fourWeeks = Assert.Single((await node.Heat.GetAsync(new HeatSelection(AreaSetKind.Wards, CategoryGroup.All, HeatWindow.FourWeeks, 0), ["E05002235"])).Areas);
            Assert.False(fourWeeks.HasBaseline);
            Assert.Equal(Now.AddDays(-9).AddHours(-4), node.Monitors.Coverage.FirstExact);
        }
    }

    [Fact]
    public async Task The_periodic_round_records_only_what_the_grains_have_written_so_a_restart_reads_the_rest_from_the_log()
    {
        await using var h = await Harness.StartAsync(Now);
        var incidents = TenDaysOfFourADay();
        await h.Ingestor.IngestAsync(incidents[..15]);
        await h.Tailer.CatchUpAsync();
        await h.Tailer.CheckpointAsync();
        await h.Ingestor.IngestAsync(incidents[15..]);
        await h.Tailer.CatchUpAsync();

        await h.Tailer.RecordWrittenAsync();

        Assert.Equal(15, h.Tailer.CheckpointedSequence);
        await using var restarted = await Harness.StartAsync(Now, storePath: h.StorePath);
        await restarted.Tailer.StartAsync();
        Assert.Equal(40, restarted.Tailer.AppliedSequence);
        Assert.Equal(40, await FourWeeksAsync(restarted));
        Assert.Equal(40, await FourWeeksAsync(h));
    }

    [Fact]
    public async Task Once_the_grains_have_written_on_their_own_timers_the_periodic_round_records_everything()
    {
        await using var h = await Harness.StartAsync(Now);
        await h.Ingestor.IngestAsync(TenDaysOfFourADay());
        await h.Tailer.CatchUpAsync();
        await h.Tailer.RecordWrittenAsync();
        Assert.Equal(0, h.Tailer.CheckpointedSequence);

        h.Time.Advance(new CheckpointOptions().CheckpointInterval);

        // The timers' writes run on the grains' own turns; only the round itself (asking each grain) says they are done.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do await h.Tailer.RecordWrittenAsync();
        while (h.Tailer.CheckpointedSequence < 40 && DateTime.UtcNow < deadline);
        Assert.Equal(40, h.Tailer.CheckpointedSequence);
    }

    private static async Task<double> FourWeeksAsync(Harness h) =>
        Assert.Single((await h.Heat.GetAsync(new HeatSelection(AreaSetKind.Wards, CategoryGroup.All, HeatWindow.FourWeeks, 0), ["E05002235"])).Areas).Observed;

    [Fact]
    public async Task A_month_asked_about_before_a_gap_in_the_data_keeps_the_baseline_it_had()
    {
        await using var h = await Harness.StartAsync(Now);
        // Six months of data in 2025, nothing for a year, then ten days of data now.
        await h.Ingestor.IngestAsync([.. Enumerable.Range(1, 6).Select(m => Harness.At($"m{m}", "drugs", new DateTimeOffset(2025, m, 10, 12, 0, 0, TimeSpan.Zero)))]);
        await h.Ingestor.IngestAsync(TenDaysOfFourADay());
        await h.Tailer.CatchUpAsync();

        var june = new HeatSelection(AreaSetKind.Wards, CategoryGroup.All, HeatWindow.Month, 2025 * 12 + 5);
        var area = Assert.Single((await h.Heat.GetAsync(june, ["E05002235"])).Areas);

        Assert.True(area.HasBaseline);
        Assert.Equal(1, area.Expected);
        Assert.Equal(2025 * 12, h.Monitors.CoverageAsOf(Now.AddYears(-1), 2025 * 12 + 5).FirstMonthIndex);
        Assert.Equal(Now.Year * 12 + Now.Month - 1, h.Monitors.Coverage.FirstMonthIndex);
    }

    private static List<IncidentSubmission> TenDaysOfFourADay() =>
        [.. Enumerable.Range(0, 10).SelectMany(d => Enumerable.Range(1, 4).Select(i => Harness.At($"d{d}-{i}", "drugs", Now.AddDays(-d).AddHours(-i))))];

    [Fact]
    public async Task A_batch_appended_on_this_node_is_counted_from_the_hand_over_without_reading_it_back()
    {
        await using var h = await Harness.StartAsync(Now);
        var store = new ReadCountingStore(h.Store);
        var tailer = new IncidentLogTailer(store, h.Monitors, h.Signal, new SqliteGrainStateStore(h.Store), Options.Create(new MonitoringOptions()), h.Time);

        await h.Ingestor.IngestAsync([Harness.At("a", "drugs", Now), Harness.At("b", "drugs", Now), Harness.At("c", "drugs", Now)]);
        await tailer.ApplyPendingAsync();

        Assert.Equal(3, tailer.AppliedSequence);
        Assert.Equal(0, store.RowsRead);
        Assert.Equal(3, await ObservedTodayAsync(h));
    }

    [Fact]
    public async Task A_read_overtaken_by_an_append_handed_over_meanwhile_stops_after_its_page_and_counts_the_rest_from_the_hand_over()
    {
        await using var h = await Harness.StartAsync(Now);
        // This node's append has committed but is handed over only while the reader reads its first page of the log (a
        // read at a wake can fall between the two). Reading on would read back all ten rows.
        var appended = await h.Store.AppendAsync([.. Enumerable.Range(0, 10).Select(i => new Incident("essex-police", $"i{i}", Category.Drugs, OccurredAt.Exact(Now), 51.4757, 0.3217, null))]);
        var store = new ReadCountingStore(h.Store, duringFirstRead: () => h.Signal.Notify(appended.Appended));
        var tailer = new IncidentLogTailer(store, h.Monitors, h.Signal, new SqliteGrainStateStore(h.Store), Options.Create(new MonitoringOptions { PageSize = 3 }), h.Time);

        await tailer.ApplyPendingAsync();

        Assert.Equal(10, tailer.AppliedSequence);
        Assert.Equal(3, store.RowsRead);
        Assert.Equal(10, await ObservedTodayAsync(h));
    }

    [Fact]
    public async Task A_handed_over_batch_that_does_not_follow_on_is_set_aside_and_the_log_is_read_instead()
    {
        await using var h = await Harness.StartAsync(Now);
        var store = new ReadCountingStore(h.Store);
        var tailer = new IncidentLogTailer(store, h.Monitors, h.Signal, new SqliteGrainStateStore(h.Store), Options.Create(new MonitoringOptions()), h.Time);

        // Written as another process would write it: nothing is handed over for this one.
        await h.Store.AppendAsync([new Incident("ecfrs", "other", Category.DeliberateSecondaryFire, OccurredAt.Exact(Now), 51.4757, 0.3217, null)]);
        await h.Ingestor.IngestAsync([Harness.At("local", "drugs", Now)]);
        await tailer.ApplyPendingAsync();

        Assert.Equal(2, tailer.AppliedSequence);
        Assert.Equal(2, store.RowsRead);
        Assert.Equal(2, await ObservedTodayAsync(h));
    }

    [Fact]
    public async Task A_running_reader_counts_a_batch_appended_here_after_another_writers_at_once_and_then_reads_the_log_only_at_its_poll()
    {
        await using var h = await Harness.StartAsync(Now);
        await using var reader = await RunningReader.StartAsync(h);
        var (store, tailer, changed) = (reader.Store, reader.Tailer, reader.Changed);

        // In another ward: it follows on from what was read, and is counted without reading it back. Having handed
        // nothing ahead, the reader then reads the log at once (nothing more is there); its turn ends with that read.
        await h.Ingestor.IngestAsync([Harness.At("first", "drugs", Now, lat: 51.5250, lon: 0.4600)]);
        await tailer.WhenAppliedAsync(1).WaitAsync(TimeSpan.FromSeconds(10));
        await tailer.CatchUpAsync();
        // Another node's append comes next in the log; this node's own follows it, handed over ahead of what was read.
        await h.Store.AppendAsync([new Incident("ecfrs", "other", Category.DeliberateSecondaryFire, OccurredAt.Exact(Now), 51.4757, 0.3217, null)]);
        await h.Ingestor.IngestAsync([Harness.At("local", "drugs", Now)]);

        await changed.Pushed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, await ObservedTodayAsync(h));
        Assert.Equal(0, store.RowsRead);
        Assert.Equal(1, tailer.AppliedSequence);

        // A poll interval later, the next wake reads the log (or the poll's own timer, if it was already waiting, does).
        h.Time.Advance(new MonitoringOptions().PollInterval);
        await h.Ingestor.IngestAsync([Harness.At("later", "drugs", Now, lat: 51.5250, lon: 0.4600)]);
        await tailer.WhenAppliedAsync(4).WaitAsync(TimeSpan.FromSeconds(10));
        await reader.StopAsync();
        Assert.InRange(store.RowsRead, 2, 3);
        Assert.Equal(4, await ObservedTodayAsync(h));
    }

    [Fact]
    public async Task Appends_handed_over_out_of_order_are_counted_at_once_and_in_order_without_reading_the_log()
    {
        await using var h = await Harness.StartAsync(Now);
        await using var reader = await RunningReader.StartAsync(h);
        var (store, tailer, changed) = (reader.Store, reader.Tailer, reader.Changed);

        // Two appends that committed together, their callers handing them over in the other order.
        var first = await h.Store.AppendAsync([new Incident("essex-police", "a", Category.Drugs, OccurredAt.Exact(Now), 51.5250, 0.4600, null)]);
        var second = await h.Store.AppendAsync([.. new[] { "b", "c" }.Select(id => new Incident("essex-police", id, Category.Drugs, OccurredAt.Exact(Now), 51.4757, 0.3217, null))]);
        h.Signal.Notify(second.Appended);
        await changed.Pushed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, tailer.AppliedSequence);
        h.Signal.Notify(first.Appended);

        await tailer.WhenAppliedAsync(3).WaitAsync(TimeSpan.FromSeconds(10));
        await reader.StopAsync();
        Assert.Equal(0, store.RowsRead);
        Assert.Equal(3, await ObservedTodayAsync(h));
    }

    /// <summary>A started reader on a read-counting store, running its loop, with a live observer of ward E05002235.</summary>
    private sealed class RunningReader : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _running = Task.CompletedTask;

        private RunningReader(ReadCountingStore store, IncidentLogTailer tailer, WardPush changed) => (Store, Tailer, Changed) = (store, tailer, changed);

        public ReadCountingStore Store { get; }

        public IncidentLogTailer Tailer { get; }

        public WardPush Changed { get; }

        public static async Task<RunningReader> StartAsync(Harness h)
        {
            var store = new ReadCountingStore(h.Store);
            var tailer = new IncidentLogTailer(store, h.Monitors, h.Signal, new SqliteGrainStateStore(h.Store), Options.Create(new MonitoringOptions()), h.Time);
            await tailer.StartAsync();
            var reader = new RunningReader(store, tailer, await WardPushedAsync(h));
            reader._running = tailer.RunAsync(reader._stop.Token);
            return reader;
        }

        /// <summary>Stops the loop; throws when it ended with an error rather than by being cancelled.</summary>
        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }
    }

    /// <summary>
    /// Registers a live observer whose <see cref="WardPush.Pushed"/> completes when it is told ward E05002235 changed (in
    /// the notifier's first flush or a later one). The test holds the result: Orleans keeps only a weak reference to an observer.
    /// </summary>
    private static async Task<WardPush> WardPushedAsync(Harness h)
    {
        var ward = new AreaKey(AreaSetKind.Wards, "E05002235");
        var changed = new TaskCompletionSource();
        var events = new LiveEvents();
        events.AreasUpdated += keys =>
        {
            if (keys.Contains(ward)) changed.TrySetResult();
        };
        await h.Grains.GetGrain<ILiveDirectoryGrain>(0).RegisterAsync(h.Grains.CreateObjectReference<ILiveObserver>(events));
        return new WardPush(changed.Task, events);
    }

    private sealed record WardPush(Task Pushed, LiveEvents Observer);

    private static async Task<double> ObservedTodayAsync(Harness h) =>
        (await h.Heat.GetAsync(new HeatSelection(AreaSetKind.Wards, CategoryGroup.All, HeatWindow.Day, 0))).Areas.Sum(a => a.Observed);

    /// <summary>Counts the rows read from the log; <paramref name="duringFirstRead"/> runs while the first page is being read.</summary>
    private sealed class ReadCountingStore(IIncidentStore inner, Action? duringFirstRead = null) : DelegatingStore(inner)
    {
        private long _rowsRead;
        private Action? _duringFirstRead = duringFirstRead;

        public long RowsRead => Interlocked.Read(ref _rowsRead);

        public override async Task<IReadOnlyList<LoggedIncident>> ReadAfterAsync(long afterSequence, int max, CancellationToken cancellationToken = default)
        {
            var page = await base.ReadAfterAsync(afterSequence, max, cancellationToken);
            Interlocked.Exchange(ref _duringFirstRead, null)?.Invoke();
            Interlocked.Add(ref _rowsRead, page.Count);
            return page;
        }
    }

    private sealed class HeatComparer : IEqualityComparer<HeatSnapshot>
    {
        public static readonly HeatComparer Instance = new();

        public bool Equals(HeatSnapshot? x, HeatSnapshot? y) => x!.Areas.SequenceEqual(y!.Areas);

        public int GetHashCode(HeatSnapshot obj) => obj.Areas.Count;
    }
}
