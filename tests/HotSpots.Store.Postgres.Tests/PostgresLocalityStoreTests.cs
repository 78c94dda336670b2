using HotSpots.Store.Tests.Contracts;
using HotSpots.Testing;

namespace HotSpots.Store.Postgres.Tests;

public sealed class PostgresLocalityStoreTests : LocalityStoreContract, IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    protected override async Task<(ILocalityStore Store, IAsyncDisposable Owner)> OpenAsync() =>
        (await PostgresLocalityStore.OpenAsync(_database.DataSource, Time), _database.Borrowed);
}
