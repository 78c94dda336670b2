using HotSpots.Application.Imports;
using HotSpots.Application.Replay;
using HotSpots.Domain.Incidents;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Application.Tests.Replay;

public sealed class ReplayerTests
{
    private static readonly DateTimeOffset WeekStart = new(2026, 10, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReplayStart = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static Incident Fire(int hour) =>
        new("essex-fire", $"F{hour}", Category.DeliberateSecondaryFire, OccurredAt.Exact(WeekStart.AddHours(hour).AddMinutes(20)), 51.4676, 0.3758, null);

    [Fact]
    public async Task A_week_replayed_in_five_minutes_keeps_to_the_requested_speed_within_5_percent_on_the_fake_clock()
    {
        var time = new TimerSignallingClock(ReplayStart);
        var sink = new RecordingSink(time);
        var items = Replayer.Prepare(Enumerable.Range(0, 168).Select(Fire), WeekStart, WeekStart.AddDays(7), seed: 1);
        var plan = ReplayPlan.ForDuration(WeekStart, WeekStart.AddDays(7), TimeSpan.FromMinutes(5));

        var run = new Replayer(sink, time).RunAsync(items, plan, "r1");
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, time.WhenTimerPendingAsync());
            if (!run.IsCompleted) time.Advance(TimeSpan.FromMilliseconds(250));
        }
        var report = await run;

        Assert.Equal(2016, plan.Speed, 6);
        Assert.Equal(168, report.Accepted);
        var sent = sink.Sent;
        Assert.Equal(168, sent.Count);
        // Measured speed: replayed time between the first and last incident over the clock time between sending them.
        var measured = (items[^1].At - items[0].At) / (sent[^1].SentAt - sent[0].SentAt);
        Assert.InRange(measured, 2016 * 0.95, 2016 * 1.05);
        Assert.All(sent.Zip(items), pair => Assert.InRange((pair.First.SentAt - ReplayStart - plan.SendAfter(pair.Second.At)).TotalSeconds, 0, 0.25));
        // Rebased: the week ends as the replay ends, spacing kept, nothing later than the moment it was sent.
        Assert.All(sent, s => Assert.True(s.Incident.OccurredAt.Start <= s.SentAt));
        Assert.Equal(ReplayStart + plan.Duration - TimeSpan.FromMinutes(40), sent[^1].Incident.OccurredAt.Start);
        Assert.Equal(TimeSpan.FromHours(1), sent[1].Incident.OccurredAt.Start - sent[0].Incident.OccurredAt.Start);
        Assert.All(sent, s => Assert.Equal(IncidentOrigin.Replay, s.Incident.Origin));
        Assert.Equal("r1:F0", sent[0].Incident.SourceId);
    }

    [Fact]
    public void Month_precision_rows_are_spread_over_their_month_the_same_way_for_the_same_seed()
    {
        var month = Enumerable.Range(0, 2000)
            .Select(i => new Incident("essex-police", $"2018-01:{i}", Category.AntiSocialBehaviour, OccurredAt.Month(2018, 1), 51.48, 0.32, null))
            .ToList();

        var first = month.Select(i => TimeSpreader.Spread(i, 7)).ToList();
        var again = month.Select(i => TimeSpreader.Spread(i, 7)).ToList();
        var other = month.Select(i => TimeSpreader.Spread(i, 8)).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(first, t => Assert.InRange(t, new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2018, 1, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.True(first.Select(t => t.Day).Distinct().Count() == 31, "every day of January gets some");
        // ASB is evening-heavy: more between 16:00 and 22:00 than between 02:00 and 08:00, by far.
        Assert.True(first.Count(t => t.Hour is >= 16 and < 22) > 3 * first.Count(t => t.Hour is >= 2 and < 8));
    }

    [Fact]
    public async Task Drills_are_never_replayed_and_a_replay_store_refuses_to_open_as_the_live_one()
    {
        var drill = Fire(1) with { Origin = IncidentOrigin.Drill };
        Assert.Single(Replayer.Prepare([Fire(2), drill], WeekStart, WeekStart.AddDays(7), 1));

        using var dir = new TempDirectory();
        var path = dir.File("replay.db");
        await (await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = path, Purpose = StorePurpose.Replay }, TimeProvider.System)).DisposeAsync();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = path, Purpose = StorePurpose.Live }, TimeProvider.System));
        Assert.Contains("is a replay store", ex.Message);
        await using var unspecified = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = path }, TimeProvider.System);
        Assert.Equal(StorePurpose.Replay, unspecified.Purpose);
    }

    private sealed class RecordingSink(TimeProvider time) : IIncidentSink
    {
        public List<(DateTimeOffset SentAt, Incident Incident)> Sent { get; } = [];

        public Task<SinkResult> WriteAsync(IncidentBatch batch, CancellationToken cancellationToken)
        {
            for (var i = 0; i < batch.Count; i++) Sent.Add((time.GetUtcNow(), batch[i]));
            return Task.FromResult(SinkResult.Of(batch.Count, 0));
        }
    }

    /// <summary>
    /// A fake clock that says when a timer is waiting for it, so the test moves time only while the replayer waits
    /// (moving it while the replayer works would make it late by design, not by fault).
    /// </summary>
    private sealed class TimerSignallingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly Lock _lock = new();
        private readonly List<DateTimeOffset> _due = [];
        private TaskCompletionSource _set = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes at once when a timer is due later than now, else when one is next set.</summary>
        public Task WhenTimerPendingAsync()
        {
            lock (_lock)
            {
                var now = GetUtcNow();
                _due.RemoveAll(d => d <= now);
                return _due.Count > 0 ? Task.CompletedTask : _set.Task;
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TaskCompletionSource set;
            lock (_lock)
            {
                _due.Add(GetUtcNow() + dueTime);
                set = _set;
                _set = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            set.TrySetResult();
            return timer;
        }
    }
}
