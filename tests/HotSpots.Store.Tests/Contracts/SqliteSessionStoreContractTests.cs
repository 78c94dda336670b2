using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Store.Tests.Contracts;

public sealed class SqliteSessionStoreContractTests : SessionStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override async Task<(ISessionStore Store, IAsyncDisposable Owner)> OpenAsync()
    {
        var incidents = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = _dir.File("sessions.db") }, TimeProvider.System);
        return (new SqliteSessionStore(incidents), incidents);
    }

    public void Dispose() => _dir.Dispose();
}
