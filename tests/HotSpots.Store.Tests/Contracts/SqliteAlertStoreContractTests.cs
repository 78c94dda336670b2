using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Store.Tests.Contracts;

public sealed class SqliteAlertStoreContractTests : AlertStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override async Task<(IAlertStore Store, IAsyncDisposable Owner)> OpenAsync()
    {
        var incidents = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = _dir.File("alerts.db") }, TimeProvider.System);
        return (new SqliteAlertStore(incidents), incidents);
    }

    public void Dispose() => _dir.Dispose();
}
