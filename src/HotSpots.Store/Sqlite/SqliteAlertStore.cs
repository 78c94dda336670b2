using System.Text.Json;
using HotSpots.Domain.Alerts;
using Microsoft.Data.Sqlite;

namespace HotSpots.Store.Sqlite;

/// <summary>
/// Alerts in the incident store's SQLite file (its schema creates the tables). Writes go through the incident store's
/// writer connection, taking their turn with appends; reads open a pooled connection of their own.
/// </summary>
public sealed class SqliteAlertStore(SqliteIncidentStore incidents) : IAlertStore
{
    private static readonly JsonSerializerOptions Json = SqliteIncidentStore.DocumentJson;

    public Task SaveAsync(Alert alert, CancellationToken cancellationToken = default) => incidents.WriteAsync(command =>
    {
        command.CommandText = """
            INSERT INTO alerts (id, area_set, area_code, grp, status, raised_at, updated_at, resolved_at, body)
            VALUES ($id, $set, $code, $group, $status, $raised, $updated, $resolved, $body)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at,
                resolved_at = excluded.resolved_at, body = excluded.body
            """;
        command.Parameters.AddWithValue("$id", alert.Id);
        command.Parameters.AddWithValue("$set", alert.Area.Set);
        command.Parameters.AddWithValue("$code", alert.Area.Code);
        command.Parameters.AddWithValue("$group", alert.Group);
        command.Parameters.AddWithValue("$status", Status(alert.Status));
        command.Parameters.AddWithValue("$raised", alert.RaisedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$updated", alert.UpdatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$resolved", alert.ResolvedAt is { } r ? r.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$body", JsonSerializer.Serialize(alert, Json));
        command.ExecuteNonQuery();
    }, cancellationToken);

    public async Task<Alert?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SELECT body FROM alerts WHERE id = $id", [("$id", id)], cancellationToken)).FirstOrDefault();

    public Task<IReadOnlyList<Alert>> QueryAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        var parameters = new List<(string, object)>();
        if (query.Status is { } status)
        {
            where.Add("status = $status");
            parameters.Add(("$status", Status(status)));
        }
        if (query.AreaCode is { } code)
        {
            where.Add("area_code = $code");
            parameters.Add(("$code", code));
        }
        if (query.Group is { } group)
        {
            where.Add("grp = $group");
            parameters.Add(("$group", group));
        }
        if (query.Since is { } since)
        {
            where.Add("updated_at >= $since");
            parameters.Add(("$since", since.ToUnixTimeMilliseconds()));
        }
        parameters.Add(("$limit", query.Limit));
        var sql = $"SELECT body FROM alerts {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY raised_at DESC, id DESC LIMIT $limit";
        return ReadAsync(sql, parameters, cancellationToken);
    }

    public Task<IReadOnlyList<Alert>> LoadForRestartAsync(DateTimeOffset resolvedSince, CancellationToken cancellationToken = default) =>
        ReadAsync("SELECT body FROM alerts WHERE status <> 'resolved' OR resolved_at >= $since ORDER BY raised_at",
            [("$since", resolvedSince.ToUnixTimeMilliseconds())], cancellationToken);

    public Task AddDeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken = default) => incidents.WriteAsync(command =>
    {
        command.CommandText = """
            INSERT INTO webhook_dead_letters (url, event, alert_id, payload, last_error, attempts, failed_at)
            VALUES ($url, $event, $alert, $payload, $error, $attempts, $at)
            """;
        command.Parameters.AddWithValue("$url", letter.Url);
        command.Parameters.AddWithValue("$event", letter.Event);
        command.Parameters.AddWithValue("$alert", letter.AlertId);
        command.Parameters.AddWithValue("$payload", letter.Payload);
        command.Parameters.AddWithValue("$error", letter.LastError);
        command.Parameters.AddWithValue("$attempts", letter.Attempts);
        command.Parameters.AddWithValue("$at", letter.FailedAt.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }, cancellationToken);

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT url, event, alert_id, payload, last_error, attempts, failed_at FROM webhook_dead_letters ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }
        return letters;
    }

    public Task SaveRuleAsync(string id, string? json, CancellationToken cancellationToken = default) => incidents.WriteAsync(command =>
    {
        command.CommandText = "INSERT INTO alert_rules (id, body) VALUES ($id, $body) ON CONFLICT (id) DO UPDATE SET body = excluded.body";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$body", (object?)json ?? DBNull.Value);
        command.ExecuteNonQuery();
    }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string?>> RulesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, body FROM alert_rules";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rules = new Dictionary<string, string?>();
        while (await reader.ReadAsync(cancellationToken)) rules[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        return rules;
    }

    private async Task<IReadOnlyList<Alert>> ReadAsync(string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = new List<Alert>();
        while (await reader.ReadAsync(cancellationToken)) alerts.Add(JsonSerializer.Deserialize<Alert>(reader.GetString(0), Json)!);
        return alerts;
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => incidents.OpenReaderAsync(cancellationToken);

    private static string Status(AlertStatus status) => status.ToString().ToLowerInvariant();
}
