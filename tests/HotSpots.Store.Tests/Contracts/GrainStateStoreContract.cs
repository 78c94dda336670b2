namespace HotSpots.Store.Tests.Contracts;

/// <summary>What every grain-state store promises: state kept across reopening, and optimistic versions.</summary>
public abstract class GrainStateStoreContract
{
    /// <summary>The store under test, opened (again) on the same database; disposing the result closes it.</summary>
    protected abstract Task<(IGrainStateStore Store, IAsyncDisposable Owner)> OpenAsync();

    [Fact]
    public async Task State_survives_reopening_and_a_write_or_clear_naming_another_version_is_refused()
    {
        const string key = "ward:demo/E05002235@abc";
        string version;
        var (store, owner) = await OpenAsync();
        await using (owner)
        {
            Assert.Null(await store.ReadAsync("area", key));
            var first = await store.WriteAsync("area", key, [1, 2, 3], null);
            version = await store.WriteAsync("area", key, [4, 5], first);
            await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync("area", key, [9], first));
            await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync("area", key, [9], null));
            await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync("area", "zone:grip@abc", [9], version));
        }

        var (again, reopened) = await OpenAsync();
        await using (reopened)
        {
            var stored = await again.ReadAsync("area", key);
            Assert.Equal(new byte[] { 4, 5 }, stored!.Payload);
            Assert.Equal(version, stored.ETag);
            Assert.Null(await again.ReadAsync("reader", key));

            await Assert.ThrowsAsync<StateConflictException>(() => again.ClearAsync("area", key, "999"));
            await again.ClearAsync("area", key, version);
            Assert.Null(await again.ReadAsync("area", key));
        }
    }
}
