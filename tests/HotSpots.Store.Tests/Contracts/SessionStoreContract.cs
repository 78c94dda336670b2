namespace HotSpots.Store.Tests.Contracts;

/// <summary>What every session store promises: sessions live until ended or run out, revocation by name, and cookie keys kept.</summary>
public abstract class SessionStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The store under test, opened (again) on the same database; disposing the owner closes it.</summary>
    protected abstract Task<(ISessionStore Store, IAsyncDisposable Owner)> OpenAsync();

    [Fact]
    public async Task A_session_is_live_until_it_ends_or_runs_out_and_survives_reopening()
    {
        var (store, owner) = await OpenAsync();
        await using (owner)
        {
            await store.StartSessionAsync("A1", "vera", Now.AddHours(12));
            await store.StartSessionAsync("B2", "anil", Now.AddHours(1));
            await store.StartSessionAsync("C3", "anil", Now.AddHours(12));
            await store.EndSessionAsync("C3");
        }

        (store, owner) = await OpenAsync();
        await using (owner)
        {
            Assert.Equal(Now.AddHours(12), await store.LiveUntilAsync("A1", Now));
            Assert.Equal(Now.AddHours(1), await store.LiveUntilAsync("B2", Now));
            Assert.Null(await store.LiveUntilAsync("B2", Now.AddHours(1)));
            Assert.Null(await store.LiveUntilAsync("C3", Now));
            Assert.Null(await store.LiveUntilAsync("unknown", Now));
        }
    }

    [Fact]
    public async Task Ending_a_persons_sessions_ignores_case_and_leaves_other_peoples()
    {
        var (store, owner) = await OpenAsync();
        await using (owner)
        {
            await store.StartSessionAsync("A1", "vera", Now.AddHours(12));
            await store.StartSessionAsync("A2", "Vera", Now.AddHours(12));
            await store.StartSessionAsync("B1", "anil", Now.AddHours(12));

            Assert.Equal(2, await store.EndSessionsAsync("VERA"));
            Assert.Equal(0, await store.EndSessionsAsync("vera"));

            Assert.Null(await store.LiveUntilAsync("A1", Now));
            Assert.Null(await store.LiveUntilAsync("A2", Now));
            Assert.NotNull(await store.LiveUntilAsync("B1", Now));
        }
    }

    [Fact]
    public async Task Purging_removes_only_sessions_that_have_run_out()
    {
        var (store, owner) = await OpenAsync();
        await using (owner)
        {
            await store.StartSessionAsync("old", "vera", Now.AddHours(-1));
            await store.StartSessionAsync("new", "vera", Now.AddHours(1));

            await store.PurgeExpiredSessionsAsync(Now);

            // Counting what a revocation finds shows the purged row is gone, not just out of its lifetime.
            Assert.Equal(1, await store.EndSessionsAsync("vera"));
        }
    }

    [Fact]
    public async Task Keys_are_kept_in_the_order_added_and_adding_one_again_changes_nothing()
    {
        var (store, owner) = await OpenAsync();
        await using (owner)
        {
            Assert.Empty(await store.KeysAsync());
            await store.AddKeyAsync("key-1", "<key id=\"1\" />");
            await store.AddKeyAsync("key-2", "<key id=\"2\" />");
            await store.AddKeyAsync("key-1", "<key id=\"1\" again=\"true\" />");
        }

        (store, owner) = await OpenAsync();
        await using (owner) Assert.Equal(["<key id=\"1\" />", "<key id=\"2\" />"], await store.KeysAsync());
    }
}
