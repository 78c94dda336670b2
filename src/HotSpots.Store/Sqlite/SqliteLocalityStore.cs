using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace HotSpots.Store.Sqlite;

/// <summary>Localities in the incident store's SQLite file; writes take their turn on its writer connection.</summary>
public sealed class SqliteLocalityStore(SqliteIncidentStore incidents) : ILocalityStore
{
    /// <summary>Ward codes are kept as a JSON array: a locality is read whole, never searched by ward.</summary>
    internal static void Migrate(SqliteConnection connection, SqliteTransaction transaction) =>
        SqliteIncidentStore.Execute(connection, transaction, """
            CREATE TABLE locality_versions (
                code TEXT NOT NULL,
                version INTEGER NOT NULL,
                name TEXT NOT NULL,
                ward_set TEXT NOT NULL,
                wards TEXT NOT NULL,
                changed_by TEXT NULL,
                retired INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (code, version)
            );
            """);

    public async Task<IReadOnlyList<LocalityVersion>> LocalityVersionsAsync(string? code = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await incidents.OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT code, version, name, ward_set, wards, changed_by, retired, created_at FROM locality_versions"
            + (code is null ? "" : " WHERE code = $code") + " ORDER BY code, version";
        if (code is not null) command.Parameters.AddWithValue("$code", code);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<LocalityVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(new LocalityVersion(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                JsonSerializer.Deserialize<string[]>(reader.GetString(4))!, reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6) != 0,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7))));
        }
        return versions;
    }

    public async Task<LocalityVersion> AddLocalityVersionAsync(
        string code, string name, string wardSet, IReadOnlyList<string> wards, string? changedBy, bool retired, CancellationToken cancellationToken = default)
    {
        LocalityVersion? added = null;
        await incidents.WriteAsync(command =>
        {
            command.CommandText = "SELECT COALESCE(MAX(version), 0) + 1 FROM locality_versions WHERE code = $code";
            command.Parameters.AddWithValue("$code", code);
            var version = Convert.ToInt32(command.ExecuteScalar());
            var at = DateTimeOffset.FromUnixTimeMilliseconds(incidents.Now.ToUnixTimeMilliseconds());
            command.CommandText = """
                INSERT INTO locality_versions (code, version, name, ward_set, wards, changed_by, retired, created_at)
                VALUES ($code, $version, $name, $wardSet, $wards, $by, $retired, $at)
                """;
            command.Parameters.AddWithValue("$version", version);
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$wardSet", wardSet);
            command.Parameters.AddWithValue("$wards", JsonSerializer.Serialize(wards));
            command.Parameters.AddWithValue("$by", (object?)changedBy ?? DBNull.Value);
            command.Parameters.AddWithValue("$retired", retired ? 1 : 0);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
            added = new LocalityVersion(code, version, name, wardSet, [.. wards], changedBy, retired, at);
        }, cancellationToken);
        return added!;
    }
}
