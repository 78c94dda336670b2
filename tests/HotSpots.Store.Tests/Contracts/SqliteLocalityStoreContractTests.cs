using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Store.Tests.Contracts;

public sealed class SqliteLocalityStoreContractTests : LocalityStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override async Task<(ILocalityStore Store, IAsyncDisposable Owner)> OpenAsync()
    {
        var incidents = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = _dir.File("h.db") }, Time);
        return (new SqliteLocalityStore(incidents), incidents);
    }

    public void Dispose() => _dir.Dispose();
}
