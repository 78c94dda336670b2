using Npgsql;

namespace HotSpots.Store.Postgres;

/// <summary>
/// What Orleans' ADO.NET clustering provider (10.4.2, invariant "Npgsql") needs in the database: the membership tables
/// and, in <c>OrleansQuery</c>, the SQL behind each query key it reads at start. The SQL is ours. Inserts and updates
/// follow the provider's contract: they write only while the version row still holds <c>@Version</c>, bump it in the
/// same statement, and return 1, or change nothing and return 0. The version row is locked first, so of two silos
/// racing on one version exactly one wins and the other changes nothing.
/// </summary>
public static class OrleansClusteringSchema
{
    private static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS OrleansQuery (QueryKey varchar(64) PRIMARY KEY, QueryText varchar(8000) NOT NULL);
        CREATE TABLE OrleansMembershipVersionTable (
            DeploymentId varchar(150) PRIMARY KEY,
            Timestamp timestamptz NOT NULL DEFAULT now(),
            Version integer NOT NULL DEFAULT 0
        );
        CREATE TABLE OrleansMembershipTable (
            DeploymentId varchar(150) NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
            Address varchar(45) NOT NULL,
            Port integer NOT NULL,
            Generation integer NOT NULL,
            SiloName varchar(150) NOT NULL,
            HostName varchar(150) NOT NULL,
            Status integer NOT NULL,
            ProxyPort integer NULL,
            SuspectTimes varchar(8000) NULL,
            StartTime timestamptz NOT NULL,
            IAmAliveTime timestamptz NOT NULL,
            PRIMARY KEY (DeploymentId, Address, Port, Generation)
        );
        """,
    ];

    private const string MemberColumns = """
        v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort, m.SuspectTimes,
        m.StartTime, m.IAmAliveTime, v.Version
        """;

    private static readonly Dictionary<string, string> Queries = new()
    {
        ["InsertMembershipVersionKey"] = """
            WITH inserted AS (
                INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId) ON CONFLICT (DeploymentId) DO NOTHING RETURNING 1)
            SELECT count(*)::int FROM inserted
            """,
        ["InsertMembershipKey"] = """
            WITH current AS (
                SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId FOR UPDATE),
            inserted AS (
                INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
                SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
                FROM current WHERE current.Version = @Version
                ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING
                RETURNING 1),
            bumped AS (
                UPDATE OrleansMembershipVersionTable SET Timestamp = now(), Version = Version + 1
                WHERE DeploymentId = @DeploymentId AND EXISTS (SELECT 1 FROM inserted)
                RETURNING 1)
            SELECT count(*)::int FROM bumped
            """,
        ["UpdateMembershipKey"] = """
            WITH current AS (
                SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId FOR UPDATE),
            updated AS (
                UPDATE OrleansMembershipTable m SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
                FROM current
                WHERE current.Version = @Version AND m.DeploymentId = @DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
                RETURNING 1),
            bumped AS (
                UPDATE OrleansMembershipVersionTable SET Timestamp = now(), Version = Version + 1
                WHERE DeploymentId = @DeploymentId AND EXISTS (SELECT 1 FROM updated)
                RETURNING 1)
            SELECT count(*)::int FROM bumped
            """,
        ["UpdateIAmAlivetimeKey"] = """
            UPDATE OrleansMembershipTable SET IAmAliveTime = @IAmAliveTime
            WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
            """,
        ["MembershipReadRowKey"] = $"""
            SELECT {MemberColumns}
            FROM OrleansMembershipVersionTable v
            LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
            WHERE v.DeploymentId = @DeploymentId
            """,
        ["MembershipReadAllKey"] = $"""
            SELECT {MemberColumns}
            FROM OrleansMembershipVersionTable v LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
            WHERE v.DeploymentId = @DeploymentId
            """,
        ["GatewaysQueryKey"] = """
            SELECT Address, ProxyPort, Generation FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
            """,
        ["DeleteMembershipTableEntriesKey"] = """
            DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
            DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
            """,
        // Status 3 is Active: a silo that is still active is never cleaned up, however late its last heartbeat.
        ["CleanupDefunctSiloEntriesKey"] = """
            DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3
            """,
    };

    /// <summary>Creates or migrates the tables, then writes this build's query texts.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await PostgresSchema.MigrateAsync(dataSource, "orleans-clustering", Schema, cancellationToken);
        await using var batch = dataSource.CreateBatch();
        foreach (var (key, text) in Queries)
        {
            var command = new NpgsqlBatchCommand(
                "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@key, @text) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText");
            command.Parameters.AddWithValue("key", key);
            command.Parameters.AddWithValue("text", text);
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
