using HotSpots.Domain.Incidents;

namespace HotSpots.Store.Tests.Contracts;

/// <summary>
/// What every incident store promises, run against each implementation (SQLite here, PostgreSQL in its own test
/// project): idempotent appends, the log in order, previews, replays' reads and the latest time per source.
/// </summary>
public abstract class IncidentStoreContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A new, empty store of the implementation under test, live unless asked otherwise.</summary>
    protected abstract Task<IIncidentStore> NewStoreAsync(StorePurpose? purpose = null);

    /// <summary>The same store opened again after it was closed (a restart, or another node).</summary>
    protected abstract Task<IIncidentStore> ReopenAsync(IIncidentStore store, StorePurpose? purpose = null);

    protected static Incident Item(string source, string id, int minutes = 0, Category category = Category.AntiSocialBehaviour,
        IncidentOrigin origin = IncidentOrigin.Recorded, string? location = "On or near High Street") =>
        new(source, id, category, OccurredAt.Exact(Start.AddMinutes(minutes)), 51.4757 + minutes * 1e-5, 0.3217, location, origin);

    [Fact]
    public async Task Sending_the_same_incidents_again_changes_nothing_and_says_each_is_a_duplicate()
    {
        await using var store = await NewStoreAsync();
        Incident[] batch = [Item("essex-police", "a"), Item("essex-police", "b"), Item("essex-fire", "a")];

        var first = await store.AppendAsync(batch);
        var again = await store.AppendAsync(batch);

        Assert.All(first.Outcomes, o => Assert.Equal(AppendOutcome.Appended, o));
        Assert.All(again.Outcomes, o => Assert.Equal(AppendOutcome.Duplicate, o));
        Assert.Empty(again.Appended);
        Assert.Equal(3, await store.CountAsync());
    }

    [Fact]
    public async Task A_batch_that_repeats_some_stored_incidents_stores_the_new_ones_after_the_logs_end_and_the_next_batch_goes_in_whole()
    {
        await using var store = await NewStoreAsync();
        await store.AppendAsync([Item("essex-police", "a"), Item("essex-police", "b")]);

        var mixed = await store.AppendAsync([Item("essex-police", "c", minutes: 1), Item("essex-police", "b"), Item("essex-police", "d", minutes: 2)]);
        var fresh = await store.AppendAsync([Item("essex-police", "e", minutes: 3), Item("essex-police", "f", minutes: 4)]);

        Assert.Equal([AppendOutcome.Appended, AppendOutcome.Duplicate, AppendOutcome.Appended], mixed.Outcomes);
        Assert.Equal([3L, 4L], mixed.Appended.Select(a => a.Sequence));
        Assert.Equal([AppendOutcome.Appended, AppendOutcome.Appended], fresh.Outcomes);
        Assert.Equal([5L, 6L], fresh.Appended.Select(a => a.Sequence));
        var log = await store.ReadAfterAsync(2, 10);
        Assert.Equal(mixed.Appended.Concat(fresh.Appended), log);
        Assert.Equal([1, 2, 3, 4], log.Select(l => (int)(l.OccurredAt.Start - Start).TotalMinutes).Order());
        Assert.Equal(6, await store.CountAsync());
    }

    [Fact]
    public async Task The_last_sequence_is_zero_for_an_empty_log_and_then_the_newest_incidents_and_a_duplicate_does_not_move_it()
    {
        await using var store = await NewStoreAsync();
        var empty = await store.LastSequenceAsync();

        var appended = await store.AppendAsync([Item("essex-police", "a"), Item("essex-police", "b")]);
        await store.AppendAsync([Item("essex-police", "a")]);

        Assert.Equal(0, empty);
        Assert.Equal(appended.Appended[^1].Sequence, await store.LastSequenceAsync());
    }

    [Fact]
    public async Task An_id_repeated_within_one_batch_is_stored_once_from_its_first_copy()
    {
        await using var store = await NewStoreAsync();

        var result = await store.AppendAsync([Item("essex-police", "x", minutes: 1), Item("essex-police", "y"), Item("essex-police", "x", minutes: 9)]);

        Assert.Equal([AppendOutcome.Appended, AppendOutcome.Appended, AppendOutcome.Duplicate], result.Outcomes);
        var log = await store.ReadAfterAsync(0, 10);
        Assert.Equal(2, log.Count);
        Assert.Contains(log, l => l.OccurredAt.Start == Start.AddMinutes(1));
    }

    [Fact]
    public async Task Appends_made_at_once_that_share_ids_store_each_id_once_and_each_learns_its_own_sequences()
    {
        await using var store = await NewStoreAsync();

        // Forty posts at once, each sharing half its ids with the next one: a store that writes concurrent appends
        // together must still tell each caller which of its items it stored and where.
        var posts = Enumerable.Range(0, 40).Select(p => Enumerable.Range(0, 10).Select(k => Item("essex-police", $"id-{p * 5 + k}", minutes: p * 5 + k)).ToArray()).ToArray();
        var results = await Task.WhenAll(posts.Select(p => Task.Run(() => store.AppendAsync(p))));

        var appendedIds = results.SelectMany((r, p) => r.Outcomes.Select((o, k) => (o, Id: posts[p][k].SourceId)).Where(x => x.o == AppendOutcome.Appended).Select(x => x.Id)).ToList();
        Assert.Equal(Enumerable.Range(0, 205).Select(i => $"id-{i}").Order(), appendedIds.Order());
        var log = await store.ReadAfterAsync(0, 1_000);
        Assert.Equal(Enumerable.Range(1, 205).Select(i => (long)i), log.Select(l => l.Sequence));
        var handed = results.SelectMany(r => r.Appended).ToDictionary(a => a.Sequence);
        Assert.Equal(205, handed.Count);
        // Each append's incidents are one unbroken run of the log, so its node can count them as handed back.
        Assert.All(results.Where(r => r.Appended.Count > 0), r =>
            Assert.Equal(Enumerable.Range(0, r.Appended.Count).Select(i => r.Appended[0].Sequence + i), r.Appended.Select(a => a.Sequence)));
        Assert.All(log, l => Assert.Equal(l.OccurredAt, handed[l.Sequence].OccurredAt));
    }

    [Fact]
    public async Task The_log_reads_back_in_sequence_order_from_any_position_with_what_was_appended()
    {
        await using var store = await NewStoreAsync();
        var appended = new List<LoggedIncident>();
        for (var b = 0; b < 5; b++)
            appended.AddRange((await store.AppendAsync([.. Enumerable.Range(0, 7).Select(i => Item("council-asb", $"{b}-{i}", minutes: b * 7 + i))])).Appended);

        var all = await store.ReadAfterAsync(0, 1000);
        var tail = await store.ReadAfterAsync(all[20].Sequence, 5);

        Assert.Equal(35, all.Count);
        Assert.Equal(appended, all);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.Equal(all.Skip(21).Take(5), tail);
    }

    [Fact]
    public async Task An_incident_keeps_its_category_time_precision_place_description_and_origin()
    {
        await using var store = await NewStoreAsync();
        var month = new Incident("essex-police", "m", Category.Drugs, OccurredAt.Month(2018, 3), 51.49, 0.31, null);
        var drill = Item("hotspots-drill", "d", minutes: 3, Category.DeliberateSecondaryFire, IncidentOrigin.Drill, "Grays beach");

        await store.AppendAsync([month, drill]);
        // Within one batch the log's order is the store's own (SQLite inserts in key order).
        var log = (await store.ReadAfterAsync(0, 10)).OrderBy(l => l.Origin).ToList();
        var replayed = await store.ReadIncidentsAsync(new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero), Start.AddDays(1)).ToListAsync();

        Assert.Equal([month, drill], replayed);
        Assert.Equal((Category.Drugs, TimePrecision.Month, (string?)null, IncidentOrigin.Recorded), (log[0].Category, log[0].OccurredAt.Precision, log[0].LocationText, log[0].Origin));
        Assert.Equal((51.49, 0.31), (log[0].Latitude, log[0].Longitude));
        Assert.Equal((IncidentOrigin.Drill, "Grays beach", drill.OccurredAt), (log[1].Origin, log[1].LocationText, log[1].OccurredAt));
    }

    [Fact]
    public async Task Texts_and_times_come_back_as_sent_in_any_script_empty_or_longer_than_a_write_buffer()
    {
        await using var store = await NewStoreAsync();
        Incident[] sent =
        [
            new("essex-police", "Ω-0042/ü", Category.Burglary, OccurredAt.Exact(Start.AddMilliseconds(123)), 51.48, 0.32, "On or near Rue de l'Église – Stanford-le-Hope"),
            new("essex-police", "empty", Category.Robbery, OccurredAt.Exact(Start.AddMinutes(1)), 51.48, 0.32, ""),
            new("essex-police", "long", Category.Shoplifting, OccurredAt.Exact(Start.AddMinutes(2)), 51.48, 0.32, string.Concat(Enumerable.Repeat("Grays – ", 20_000))),
        ];

        var handed = (await store.AppendAsync(sent)).Appended;
        var replayed = await store.ReadIncidentsAsync(Start, Start.AddDays(1)).ToListAsync();
        var logged = await store.ReadAfterAsync(0, 10);

        Assert.Equal(sent, replayed);
        Assert.Equal(sent.Select(i => (i.LocationText, i.OccurredAt)), logged.OrderBy(l => l.OccurredAt.Start).Select(l => (l.LocationText, l.OccurredAt)));
        Assert.Equal(handed, logged);
    }

    [Fact]
    public async Task Monthly_counts_put_every_precision_in_its_UTC_month_by_point_and_leave_out_drills_and_months_outside()
    {
        await using var store = await NewStoreAsync();
        Incident At(string id, OccurredAt when, Category category = Category.Drugs, double latitude = 51.49, IncidentOrigin origin = IncidentOrigin.Recorded) =>
            new("essex-police", id, category, when, latitude, 0.31, null, origin);
        await store.AppendAsync([
            At("month-1", OccurredAt.Month(2018, 3)),
            At("month-2", OccurredAt.Month(2018, 3)),
            At("elsewhere", OccurredAt.Month(2018, 3), latitude: 51.5),
            At("burglary", OccurredAt.Month(2018, 3), Category.Burglary),
            At("day", OccurredAt.Day(2018, 3, 31)),
            At("last-instant", OccurredAt.Exact(new DateTimeOffset(2018, 3, 31, 23, 59, 59, TimeSpan.Zero))),
            At("april-in-bst", OccurredAt.Exact(new DateTimeOffset(2018, 4, 1, 0, 30, 0, TimeSpan.FromHours(1)))),
            At("april", OccurredAt.Month(2018, 4)),
            At("drill", OccurredAt.Month(2018, 3), origin: IncidentOrigin.Drill),
            At("february", OccurredAt.Month(2018, 2)),
            At("may", OccurredAt.Month(2018, 5)),
        ]);
        var march = OccurredAt.Month(2018, 3).MonthIndex;

        var counts = (await store.CountRecordedByMonthAsync(march, march + 1))
            .OrderBy(c => (c.MonthIndex, c.Category, c.Latitude)).Select(c => (c.MonthIndex - march, c.Category, c.Latitude, c.Count));

        // 00:30 BST on 1 April is 23:30 UTC on 31 March: months are UTC, as monitors count them.
        Assert.Equal([(0, Category.Drugs, 51.49, 5), (0, Category.Drugs, 51.5, 1), (0, Category.Burglary, 51.49, 1), (1, Category.Drugs, 51.49, 1)], counts);
    }

    [Fact]
    public async Task A_preview_tells_new_from_stored_and_repeated_and_writes_nothing()
    {
        await using var store = await NewStoreAsync();
        await store.AppendAsync([Item("essex-police", "old")]);

        var preview = await store.PreviewAsync(IncidentBatch.From([Item("essex-police", "old"), Item("essex-police", "new"), Item("essex-police", "new")]));

        Assert.Equal([AppendOutcome.Duplicate, AppendOutcome.Appended, AppendOutcome.Duplicate], preview);
        Assert.Equal(1, await store.CountAsync());
    }

    [Fact]
    public async Task Replays_read_whole_incidents_of_a_period_in_time_order()
    {
        await using var store = await NewStoreAsync();
        await store.AppendAsync([Item("essex-police", "late", minutes: 50), Item("essex-police", "early", minutes: 5), Item("essex-police", "outside", minutes: 200)]);

        var period = await store.ReadIncidentsAsync(Start, Start.AddHours(1)).ToListAsync();

        Assert.Equal(["early", "late"], period.Select(i => i.SourceId));
    }

    [Fact]
    public async Task The_latest_time_is_known_per_source_and_overall()
    {
        await using var store = await NewStoreAsync();
        Assert.Null(await store.LatestOccurredAtAsync(null));
        await store.AppendAsync([Item("essex-police", "p", minutes: 10), Item("essex-fire", "f", minutes: 30)]);

        Assert.Equal(Start.AddMinutes(10), await store.LatestOccurredAtAsync("essex-police"));
        Assert.Equal(Start.AddMinutes(30), await store.LatestOccurredAtAsync(null));
        Assert.Null(await store.LatestOccurredAtAsync("council-asb"));
    }

    [Fact]
    public async Task A_store_keeps_its_purpose_and_refuses_to_be_opened_for_another()
    {
        var replay = await NewStoreAsync(StorePurpose.Replay);
        await replay.AppendAsync([Item("replay", "r")]);
        await replay.DisposeAsync();

        await using (var again = await ReopenAsync(replay))
        {
            Assert.Equal(StorePurpose.Replay, again.Purpose);
            Assert.Equal(1, await again.CountAsync());
        }
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ReopenAsync(replay, StorePurpose.Live));
    }
}
