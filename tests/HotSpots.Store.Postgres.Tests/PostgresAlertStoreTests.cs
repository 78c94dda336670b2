using HotSpots.Store.Tests.Contracts;
using HotSpots.Testing;

namespace HotSpots.Store.Postgres.Tests;

public sealed class PostgresAlertStoreTests : AlertStoreContract, IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    protected override async Task<(IAlertStore Store, IAsyncDisposable Owner)> OpenAsync() =>
        (await PostgresAlertStore.OpenAsync(_database.DataSource), _database.Borrowed);
}
