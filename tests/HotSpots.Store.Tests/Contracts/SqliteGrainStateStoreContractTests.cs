using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Store.Tests.Contracts;

public sealed class SqliteGrainStateStoreContractTests : GrainStateStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override async Task<(IGrainStateStore Store, IAsyncDisposable Owner)> OpenAsync()
    {
        var incidents = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = _dir.File("state.db") }, TimeProvider.System);
        return (new SqliteGrainStateStore(incidents), incidents);
    }

    public void Dispose() => _dir.Dispose();
}
