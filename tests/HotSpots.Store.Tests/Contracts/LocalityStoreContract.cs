namespace HotSpots.Store.Tests.Contracts;

/// <summary>What every locality store promises: versions counted per locality, kept whole, and never lost.</summary>
public abstract class LocalityStoreContract
{
    protected readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The store under test, opened (again) on the same database with <see cref="Time"/>; disposing the owner closes it.</summary>
    protected abstract Task<(ILocalityStore Store, IAsyncDisposable Owner)> OpenAsync();

    [Fact]
    public async Task Locality_versions_count_up_per_locality_and_read_back_whole_after_reopening()
    {
        var (store, owner) = await OpenAsync();
        await using (owner)
        {
            var v1 = await store.AddLocalityVersionAsync("grays", "Grays LAG", "configured", ["E05002232", "E05002233"], "jo", retired: false);
            Time.Advance(TimeSpan.FromMinutes(5));
            var v2 = await store.AddLocalityVersionAsync("grays", "Grays and Little Thurrock LAG", "configured", ["E05002232", "E05002233", "E05002236"], "sam", retired: false);
            var other = await store.AddLocalityVersionAsync("tilbury", "Tilbury LAG", "configured", ["E05002245"], null, retired: false);
            await store.AddLocalityVersionAsync("tilbury", "Tilbury LAG", "configured", ["E05002245"], "jo", retired: true);

            Assert.Equal((1, 2, 1), (v1.Version, v2.Version, other.Version));
            Assert.Equal(Time.GetUtcNow(), v2.CreatedAt);
        }
        (store, owner) = await OpenAsync();
        await using (owner)
        {
            var grays = await store.LocalityVersionsAsync("grays");
            Assert.Equal([1, 2], grays.Select(v => v.Version));
            Assert.Equal(["E05002232", "E05002233", "E05002236"], grays[1].Wards);
            Assert.Equal(("Grays and Little Thurrock LAG", "configured", "sam", false), (grays[1].Name, grays[1].WardSet, grays[1].ChangedBy, grays[1].Retired));
            Assert.Equal(Time.GetUtcNow(), grays[1].CreatedAt);
            var all = await store.LocalityVersionsAsync();
            Assert.Equal([("grays", 1), ("grays", 2), ("tilbury", 1), ("tilbury", 2)], all.Select(v => (v.Code, v.Version)));
            Assert.Null(all[2].ChangedBy);
            Assert.True(all[3].Retired);
        }
    }
}
