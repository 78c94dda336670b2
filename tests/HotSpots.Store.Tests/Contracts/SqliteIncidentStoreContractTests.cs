using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Store.Tests.Contracts;

public sealed class SqliteIncidentStoreContractTests : IncidentStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override async Task<IIncidentStore> NewStoreAsync(StorePurpose? purpose = null) =>
        await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = _dir.File($"{Guid.NewGuid():N}.db"), Purpose = purpose }, TimeProvider.System);

    protected override async Task<IIncidentStore> ReopenAsync(IIncidentStore store, StorePurpose? purpose = null) =>
        await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = ((SqliteIncidentStore)store).Path, Purpose = purpose }, TimeProvider.System);

    public void Dispose() => _dir.Dispose();
}
