using HotSpots.Domain.Evaluation;

namespace HotSpots.Store.Tests.Contracts;

/// <summary>What every operation store promises: versioned zones, ward sets, operations, the patrol log, and one revision for all geography changes.</summary>
public abstract class OperationStoreContract
{
    protected readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The store under test, opened (again) on the same database with <see cref="Time"/>; disposing the owner closes it.</summary>
    protected abstract Task<(IOperationStore Store, IAsyncDisposable Owner)> OpenAsync();

    [Fact]
    public async Task Zone_versions_count_up_per_zone_and_every_change_raises_the_geography_revision()
    {
        var (store, owner) = await OpenAsync();
        await using var _ = owner;
        Assert.Equal(0, await store.GeographyRevisionAsync());

        var v1 = await store.AddZoneVersionAsync("grip", "Grays", "{\"circle\":1}", "api", false);
        var v2 = await store.AddZoneVersionAsync("grip", "Grays town centre", "{\"circle\":2}", "api", false);
        var other = await store.AddZoneVersionAsync("dial", "Lakeside", "{}", "configuration", false);
        await store.AddZoneVersionAsync("grip", "Grays town centre", "{\"circle\":2}", "api", true);

        Assert.Equal((1, 2, 1), (v1.Version, v2.Version, other.Version));
        Assert.Equal(4, await store.GeographyRevisionAsync());
        var grip = await store.ZoneVersionsAsync("grip");
        Assert.Equal([1, 2, 3], grip.Select(v => v.Version));
        Assert.True(grip[^1].Retired);
        Assert.Equal(Time.GetUtcNow(), grip[0].CreatedAt);
    }

    [Fact]
    public async Task Operations_ward_sets_and_the_current_set_survive_reopening()
    {
        var operation = new Operation("op-dial", "Op Dial", OperationType.Dial, ["lakeside"],
            [new ActivePeriod(new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 1)), new ActivePeriod(new DateOnly(2026, 4, 1), null)], ["asb"], 1200, ["E05002235"]);
        var (store, owner) = await OpenAsync();
        await using (owner)
        {
            await store.PutOperationAsync(operation);
            Assert.True(await store.AddWardSetAsync(new WardSetRecord("wards-2026", "Thurrock 2026", 2, Time.GetUtcNow()), "{\"type\":\"FeatureCollection\",\"features\":[]}"));
            Assert.False(await store.AddWardSetAsync(new WardSetRecord("wards-2026", "again", 2, Time.GetUtcNow()), "{}"));
            await store.SetCurrentWardSetAsync("wards-2026");
        }
        (store, owner) = await OpenAsync();
        await using (owner)
        {
            var stored = Assert.Single(await store.OperationsAsync());
            Assert.Equal(operation.Name, stored.Name);
            Assert.Equal(operation.ActivePeriods, stored.ActivePeriods);
            Assert.Equal(operation.Zones, stored.Zones);
            Assert.Equal(operation.ControlWards, stored.ControlWards);
            Assert.Equal(1200, stored.FundedPatrolHours);
            Assert.Equal("wards-2026", await store.CurrentWardSetAsync());
            Assert.Equal("Thurrock 2026", Assert.Single(await store.WardSetsAsync()).Name);
            Assert.Equal(3, await store.GeographyRevisionAsync());
            Assert.True(await store.DeleteOperationAsync("op-dial"));
            Assert.False(await store.DeleteOperationAsync("op-dial"));
        }
    }

    [Fact]
    public async Task Patrol_visits_are_idempotent_on_source_and_source_id_and_read_back_by_zone_and_time()
    {
        var (store, owner) = await OpenAsync();
        await using var _ = owner;
        var start = new DateTimeOffset(2026, 6, 1, 18, 0, 0, TimeSpan.Zero);
        PatrolVisit Visit(string zone, string id, int hours) => new(zone, start.AddHours(hours), start.AddHours(hours).AddMinutes(20), 2, "gps", id, "gps-summary");

        var first = await store.AppendPatrolsAsync([Visit("grip", "1", 0), Visit("grip", "2", 24), Visit("dial", "3", 1)]);
        var again = await store.AppendPatrolsAsync([Visit("grip", "1", 0), Visit("grip", "4", 48)]);

        Assert.Equal([AppendOutcome.Appended, AppendOutcome.Appended, AppendOutcome.Appended], first);
        Assert.Equal([AppendOutcome.Duplicate, AppendOutcome.Appended], again);
        var grip = await store.PatrolsAsync("grip", start, start.AddDays(2));
        Assert.Equal(["1", "2"], grip.Select(v => v.SourceId));
        Assert.Equal(Visit("grip", "1", 0), grip[0]);
        Assert.Equal(4, (await store.PatrolsAsync(null, start, start.AddDays(3))).Count);
    }
}
