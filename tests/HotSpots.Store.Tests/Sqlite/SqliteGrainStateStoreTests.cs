using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Store.Tests.Sqlite;

public sealed class SqliteGrainStateStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private Task<SqliteIncidentStore> OpenAsync() =>
        SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = _dir.File("state.db") }, TimeProvider.System);

    [Fact]
    public async Task State_survives_reopening_the_file_and_a_write_naming_an_old_version_is_refused()
    {
        string version;
        await using (var incidents = await OpenAsync())
        {
            var store = new SqliteGrainStateStore(incidents);
            Assert.Null(await store.ReadAsync("area", "ward:demo/E05002235@abc"));
            var first = await store.WriteAsync("area", "ward:demo/E05002235@abc", [1, 2, 3], null);
            version = await store.WriteAsync("area", "ward:demo/E05002235@abc", [4, 5], first);
            await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync("area", "ward:demo/E05002235@abc", [9], first));
            await Assert.ThrowsAsync<StateConflictException>(() => store.WriteAsync("area", "zone:grip@abc", [9], version));
        }

        await using var reopened = await OpenAsync();
        var again = new SqliteGrainStateStore(reopened);
        var stored = await again.ReadAsync("area", "ward:demo/E05002235@abc");
        Assert.Equal(new byte[] { 4, 5 }, stored!.Payload);
        Assert.Equal(version, stored.ETag);
        Assert.Null(await again.ReadAsync("reader", "ward:demo/E05002235@abc"));

        await again.ClearAsync("area", "ward:demo/E05002235@abc", version);
        Assert.Null(await again.ReadAsync("area", "ward:demo/E05002235@abc"));
    }

    public void Dispose() => _dir.Dispose();
}
