using System.Text.Json;
using HotSpots.Domain.Alerts;
using Npgsql;

namespace HotSpots.Store.Postgres;

/// <summary>Alerts (whole, as JSON, with the columns they are looked up by), rule overrides and webhook dead letters.</summary>
public sealed class PostgresAlertStore : IAlertStore
{
    private static readonly string[] Schema =
    [
        """
        CREATE TABLE hotspots_alerts (
            id text PRIMARY KEY,
            area_set text NOT NULL,
            area_code text NOT NULL,
            grp text NOT NULL,
            status text NOT NULL,
            raised_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            resolved_at timestamptz NULL,
            body jsonb NOT NULL
        );
        CREATE INDEX ix_hotspots_alerts_status ON hotspots_alerts (status, raised_at);
        CREATE TABLE hotspots_webhook_dead_letters (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            url text NOT NULL,
            event text NOT NULL,
            alert_id text NOT NULL,
            payload text NOT NULL,
            last_error text NOT NULL,
            attempts integer NOT NULL,
            failed_at timestamptz NOT NULL
        );
        CREATE TABLE hotspots_alert_rules (id text PRIMARY KEY, body text NULL);
        """,
    ];

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Touches nothing in the database: <see cref="OpenAsync(CancellationToken)"/> migrates its schema, once, before first use.</summary>
    public PostgresAlertStore(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public static async Task<PostgresAlertStore> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        var store = new PostgresAlertStore(dataSource);
        await store.OpenAsync(cancellationToken);
        return store;
    }

    public Task OpenAsync(CancellationToken cancellationToken = default) => PostgresSchema.MigrateAsync(_dataSource, "alerts", Schema, cancellationToken);

    public async Task SaveAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO hotspots_alerts (id, area_set, area_code, grp, status, raised_at, updated_at, resolved_at, body)
            VALUES (@id, @set, @code, @group, @status, @raised, @updated, @resolved, @body::jsonb)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at,
                resolved_at = excluded.resolved_at, body = excluded.body
            """);
        command.Parameters.AddWithValue("id", alert.Id);
        command.Parameters.AddWithValue("set", alert.Area.Set);
        command.Parameters.AddWithValue("code", alert.Area.Code);
        command.Parameters.AddWithValue("group", alert.Group);
        command.Parameters.AddWithValue("status", Status(alert.Status));
        command.Parameters.AddWithValue("raised", alert.RaisedAt.ToUniversalTime());
        command.Parameters.AddWithValue("updated", alert.UpdatedAt.ToUniversalTime());
        command.Parameters.AddWithValue("resolved", alert.ResolvedAt is { } r ? r.ToUniversalTime() : DBNull.Value);
        command.Parameters.AddWithValue("body", JsonSerializer.Serialize(alert, StoreDocuments.Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Alert?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SELECT body::text FROM hotspots_alerts WHERE id = @id", [("id", id)], cancellationToken)).FirstOrDefault();

    public Task<IReadOnlyList<Alert>> QueryAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        var parameters = new List<(string, object)>();
        void Filter(string condition, string name, object value)
        {
            where.Add(condition);
            parameters.Add((name, value));
        }
        if (query.Status is { } status) Filter("status = @status", "status", Status(status));
        if (query.AreaCode is { } code) Filter("area_code = @code", "code", code);
        if (query.Group is { } group) Filter("grp = @group", "group", group);
        if (query.Since is { } since) Filter("updated_at >= @since", "since", since.ToUniversalTime());
        parameters.Add(("limit", query.Limit));
        var sql = $"SELECT body::text FROM hotspots_alerts {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY raised_at DESC, id DESC LIMIT @limit";
        return ReadAsync(sql, parameters, cancellationToken);
    }

    public Task<IReadOnlyList<Alert>> LoadForRestartAsync(DateTimeOffset resolvedSince, CancellationToken cancellationToken = default) =>
        ReadAsync("SELECT body::text FROM hotspots_alerts WHERE status <> 'resolved' OR resolved_at >= @since ORDER BY raised_at",
            [("since", resolvedSince.ToUniversalTime())], cancellationToken);

    public async Task AddDeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO hotspots_webhook_dead_letters (url, event, alert_id, payload, last_error, attempts, failed_at)
            VALUES (@url, @event, @alert, @payload, @error, @attempts, @at)
            """);
        command.Parameters.AddWithValue("url", letter.Url);
        command.Parameters.AddWithValue("event", letter.Event);
        command.Parameters.AddWithValue("alert", letter.AlertId);
        command.Parameters.AddWithValue("payload", letter.Payload);
        command.Parameters.AddWithValue("error", letter.LastError);
        command.Parameters.AddWithValue("attempts", letter.Attempts);
        command.Parameters.AddWithValue("at", letter.FailedAt.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT url, event, alert_id, payload, last_error, attempts, failed_at FROM hotspots_webhook_dead_letters ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return letters;
    }

    public async Task SaveRuleAsync(string id, string? json, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO hotspots_alert_rules (id, body) VALUES (@id, @body) ON CONFLICT (id) DO UPDATE SET body = excluded.body");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("body", (object?)json ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string?>> RulesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT id, body FROM hotspots_alert_rules");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rules = new Dictionary<string, string?>();
        while (await reader.ReadAsync(cancellationToken)) rules[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        return rules;
    }

    private async Task<IReadOnlyList<Alert>> ReadAsync(string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = new List<Alert>();
        while (await reader.ReadAsync(cancellationToken)) alerts.Add(JsonSerializer.Deserialize<Alert>(reader.GetString(0), StoreDocuments.Json)!);
        return alerts;
    }

    private static string Status(AlertStatus status) => status.ToString().ToLowerInvariant();
}
