namespace HotSpots.Host.Tests.Infrastructure;

/// <summary>Tests against a fresh server each (its own SQLite file, demo geography, no demo feed).</summary>
public abstract class ServerTests : IAsyncLifetime
{
    protected HotSpotsServer Server { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Server = new HotSpotsServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
