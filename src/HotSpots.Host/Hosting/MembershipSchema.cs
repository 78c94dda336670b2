using HotSpots.Store.Postgres;
using Npgsql;

namespace HotSpots.Host.Hosting;

/// <summary>
/// Orleans' ADO.NET membership tables and queries in PostgreSQL, migrated at start (<see cref="StartupSteps"/>) before
/// the silo or client reads them, so a node that cannot reach PostgreSQL stops with that said, not later with a
/// provider's error.
/// </summary>
public sealed class MembershipSchema(string connectionString)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await OrleansClusteringSchema.MigrateAsync(dataSource, cancellationToken);
    }
}
