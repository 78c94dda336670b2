using System.Text.Json;
using HotSpots.Domain.Evaluation;
using Microsoft.Data.Sqlite;

namespace HotSpots.Store.Sqlite;

/// <summary>
/// Zones, ward sets, operations and patrols in the incident store's SQLite file. Writes take their turn on its writer
/// connection; reads open a pooled connection of their own.
/// </summary>
public sealed class SqliteOperationStore(SqliteIncidentStore incidents) : IOperationStore
{
    private static readonly JsonSerializerOptions Json = SqliteIncidentStore.DocumentJson;

    public async Task<long> GeographyRevisionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE name = 'geography-revision'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }

    public async Task<IReadOnlyList<ZoneVersion>> ZoneVersionsAsync(string? code = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT code, version, name, shape, origin, retired, created_at FROM zone_versions"
            + (code is null ? "" : " WHERE code = $code") + " ORDER BY code, version";
        if (code is not null) command.Parameters.AddWithValue("$code", code);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<ZoneVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(new ZoneVersion(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt64(5) != 0, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }
        return versions;
    }

    public async Task<ZoneVersion> AddZoneVersionAsync(string code, string name, string shape, string origin, bool retired, CancellationToken cancellationToken = default)
    {
        ZoneVersion? added = null;
        await incidents.WriteAsync(command =>
        {
            command.CommandText = "SELECT COALESCE(MAX(version), 0) + 1 FROM zone_versions WHERE code = $code";
            command.Parameters.AddWithValue("$code", code);
            var version = Convert.ToInt32(command.ExecuteScalar());
            var now = incidents.Now;
            command.CommandText = """
                INSERT INTO zone_versions (code, version, name, shape, origin, retired, created_at)
                VALUES ($code, $version, $name, $shape, $origin, $retired, $at)
                """;
            command.Parameters.AddWithValue("$version", version);
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$shape", shape);
            command.Parameters.AddWithValue("$origin", origin);
            command.Parameters.AddWithValue("$retired", retired ? 1 : 0);
            command.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
            BumpRevision(command);
            added = new ZoneVersion(code, version, name, shape, origin, retired, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()));
        }, cancellationToken);
        return added!;
    }

    public async Task<IReadOnlyList<WardSetRecord>> WardSetsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, wards, loaded_at FROM ward_sets ORDER BY loaded_at, id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sets = new List<WardSetRecord>();
        while (await reader.ReadAsync(cancellationToken))
            sets.Add(new WardSetRecord(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        return sets;
    }

    public async Task<string?> WardSetFeaturesAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT features FROM ward_sets WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<bool> AddWardSetAsync(WardSetRecord set, string features, CancellationToken cancellationToken = default)
    {
        var added = false;
        await incidents.WriteAsync(command =>
        {
            command.CommandText = "INSERT OR IGNORE INTO ward_sets (id, name, wards, features, loaded_at) VALUES ($id, $name, $wards, $features, $at)";
            command.Parameters.AddWithValue("$id", set.Id);
            command.Parameters.AddWithValue("$name", set.Name);
            command.Parameters.AddWithValue("$wards", set.Wards);
            command.Parameters.AddWithValue("$features", features);
            command.Parameters.AddWithValue("$at", set.LoadedAt.ToUnixTimeMilliseconds());
            added = command.ExecuteNonQuery() == 1;
            if (added) BumpRevision(command);
        }, cancellationToken);
        return added;
    }

    public async Task<string?> CurrentWardSetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE name = 'current-ward-set'";
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public Task SetCurrentWardSetAsync(string id, CancellationToken cancellationToken = default) => incidents.WriteAsync(command =>
    {
        command.CommandText = "INSERT INTO meta (name, value) VALUES ('current-ward-set', $id) ON CONFLICT (name) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
        BumpRevision(command);
    }, cancellationToken);

    public async Task<IReadOnlyList<Operation>> OperationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM operations ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var operations = new List<Operation>();
        while (await reader.ReadAsync(cancellationToken)) operations.Add(JsonSerializer.Deserialize<Operation>(reader.GetString(0), Json)!);
        return operations;
    }

    public Task PutOperationAsync(Operation operation, CancellationToken cancellationToken = default) => incidents.WriteAsync(command =>
    {
        command.CommandText = "INSERT INTO operations (id, body, updated_at) VALUES ($id, $body, $at) ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at";
        command.Parameters.AddWithValue("$id", operation.Id);
        command.Parameters.AddWithValue("$body", JsonSerializer.Serialize(operation, Json));
        command.Parameters.AddWithValue("$at", incidents.Now.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
        BumpRevision(command);
    }, cancellationToken);

    public async Task<bool> DeleteOperationAsync(string id, CancellationToken cancellationToken = default)
    {
        var deleted = false;
        await incidents.WriteAsync(command =>
        {
            command.CommandText = "DELETE FROM operations WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            deleted = command.ExecuteNonQuery() == 1;
            if (deleted) BumpRevision(command);
        }, cancellationToken);
        return deleted;
    }

    public async Task<AppendOutcome[]> AppendPatrolsAsync(IReadOnlyList<PatrolVisit> visits, CancellationToken cancellationToken = default)
    {
        var outcomes = new AppendOutcome[visits.Count];
        await incidents.WriteAsync(command =>
        {
            command.CommandText = """
                INSERT OR IGNORE INTO patrols (source, source_id, zone, started_at, ended_at, officers, method, recorded_at)
                VALUES ($source, $id, $zone, $start, $end, $officers, $method, $at)
                """;
            var source = command.Parameters.Add("$source", SqliteType.Text);
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var zone = command.Parameters.Add("$zone", SqliteType.Text);
            var start = command.Parameters.Add("$start", SqliteType.Integer);
            var end = command.Parameters.Add("$end", SqliteType.Integer);
            var officers = command.Parameters.Add("$officers", SqliteType.Integer);
            var method = command.Parameters.Add("$method", SqliteType.Text);
            command.Parameters.AddWithValue("$at", incidents.Now.ToUnixTimeMilliseconds());
            for (var i = 0; i < visits.Count; i++)
            {
                var v = visits[i];
                (source.Value, id.Value, zone.Value) = (v.Source, v.SourceId, v.Zone);
                (start.Value, end.Value, officers.Value) = (v.Start.ToUnixTimeMilliseconds(), v.End.ToUnixTimeMilliseconds(), v.Officers);
                method.Value = (object?)v.Method ?? DBNull.Value;
                outcomes[i] = command.ExecuteNonQuery() == 1 ? AppendOutcome.Appended : AppendOutcome.Duplicate;
            }
        }, cancellationToken);
        return outcomes;
    }

    public async Task<IReadOnlyList<PatrolVisit>> PatrolsAsync(string? zone, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT zone, started_at, ended_at, officers, source, source_id, method FROM patrols WHERE started_at >= $from AND started_at < $to"
            + (zone is null ? "" : " AND zone = $zone") + " ORDER BY started_at, seq";
        command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        if (zone is not null) command.Parameters.AddWithValue("$zone", zone);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var visits = new List<PatrolVisit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            visits.Add(new PatrolVisit(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetInt32(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return visits;
    }

    private static void BumpRevision(SqliteCommand command)
    {
        command.CommandText = "UPDATE meta SET value = value + 1 WHERE name = 'geography-revision'";
        command.ExecuteNonQuery();
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => incidents.OpenReaderAsync(cancellationToken);
}
