using HotSpots.Store.Postgres;
using HotSpots.Store.Sqlite;

namespace HotSpots.Host.Hosting;

/// <summary>Makes the configured stores ready (files opened and checked, schemas migrated) once, at start, before first use.</summary>
public interface IStoreOpening
{
    Task OpenAsync(CancellationToken cancellationToken);
}

/// <summary>The server's claim on the file first, then the file itself (the stores beside it share its connection).</summary>
internal sealed class SqliteStoreOpening(StoreLock claim, SqliteIncidentStore store) : IStoreOpening
{
    public Task OpenAsync(CancellationToken cancellationToken)
    {
        claim.Take();
        return store.OpenAsync(cancellationToken);
    }
}

/// <summary>Each store's schema, migrated in turn (each migration takes the database's migration lock).</summary>
internal sealed class PostgresStoreOpening(
    PostgresIncidentStore incidents,
    PostgresGrainStateStore grainState,
    PostgresAlertStore alerts,
    PostgresOperationStore operations,
    PostgresSessionStore sessions,
    PostgresLocalityStore localities) : IStoreOpening
{
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await incidents.OpenAsync(cancellationToken);
        await grainState.OpenAsync(cancellationToken);
        await alerts.OpenAsync(cancellationToken);
        await operations.OpenAsync(cancellationToken);
        await sessions.OpenAsync(cancellationToken);
        await localities.OpenAsync(cancellationToken);
    }
}
