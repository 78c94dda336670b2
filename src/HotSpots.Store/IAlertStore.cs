using HotSpots.Domain.Alerts;

namespace HotSpots.Store;

/// <summary>Which alerts to list: each filter optional; newest raised first.</summary>
public sealed record AlertQuery(AlertStatus? Status = null, string? AreaCode = null, string? Group = null, DateTimeOffset? Since = null, int Limit = 500);

/// <summary>A webhook delivery that kept failing: kept so that nothing is lost silently.</summary>
public sealed record DeadLetter(string Url, string Event, string AlertId, string Payload, string LastError, int Attempts, DateTimeOffset FailedAt);

/// <summary>
/// Alerts, their rules' overrides and failed webhook deliveries, kept in the same store as the incidents so that
/// they survive restarts with it. An alert is written whole on every change (the latest state wins).
/// </summary>
public interface IAlertStore
{
    Task SaveAsync(Alert alert, CancellationToken cancellationToken = default);

    Task<Alert?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Alert>> QueryAsync(AlertQuery query, CancellationToken cancellationToken = default);

    /// <summary>Active alerts, and those resolved since a time (for the lifecycle's cool-down after a restart).</summary>
    Task<IReadOnlyList<Alert>> LoadForRestartAsync(DateTimeOffset resolvedSince, CancellationToken cancellationToken = default);

    Task AddDeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(CancellationToken cancellationToken = default);

    /// <summary>Rules changed through the admin API, by id, as JSON; null body means deleted.</summary>
    Task SaveRuleAsync(string id, string? json, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, string?>> RulesAsync(CancellationToken cancellationToken = default);
}
