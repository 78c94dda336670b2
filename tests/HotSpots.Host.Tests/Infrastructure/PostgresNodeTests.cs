using HotSpots.Testing;

namespace HotSpots.Host.Tests.Infrastructure;

/// <summary>Tests that run host processes as nodes over one fresh PostgreSQL database, each node's own files in a folder of the test's.</summary>
public abstract class PostgresNodeTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    protected TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>What every node needs: the PostgreSQL store and membership, its own silo and gateway ports, its own small files.</summary>
    protected string[] NodeBasics(string name) =>
    [
        "--HotSpots:Store:Provider=Postgres", "--HotSpots:Cluster:Provider=Postgres", $"--ConnectionStrings:HotSpots={Database.ConnectionString}",
        $"--HotSpots:Cluster:SiloPort={FreePorts.Next()}", $"--HotSpots:Cluster:GatewayPort={FreePorts.Next()}",
        $"--HotSpots:Store:Sqlite:Path={_dir.File($"{name}.db")}", "--HotSpots:Demo:Feed=false",
    ];
}
