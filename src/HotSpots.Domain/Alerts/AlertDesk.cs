namespace HotSpots.Domain.Alerts;

public enum AlertChangeKind
{
    Raised,
    Updated,
    Resolved,
}

public readonly record struct AlertChange(AlertChangeKind Kind, Alert Alert);

/// <summary>Bound from <c>HotSpots:Alerts</c>.</summary>
public sealed record AlertPolicy
{
    /// <summary>After an alert for an area and group is resolved, no new one is raised for them for this long.</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Least time between two updates of an alert whose figures changed but whose methods did not (a busy area would
    /// otherwise update it with every incident). A method joining, acknowledgement and resolution are never held back.
    /// </summary>
    public TimeSpan UpdateInterval { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The alert lifecycle, pure: given each evaluation of an area and group (every rule's evidence), it raises one alert
/// per area and group, folds later findings into it instead of raising more, resolves it when no rule fires any more
/// (the area is back to normal), and after a resolution keeps quiet for the cool-down so that an area hovering at a
/// threshold does not flap; figures that change without a new method joining update an alert at most once per
/// <see cref="AlertPolicy.UpdateInterval"/>. It holds the active alerts and the last resolution per area and group; the caller stores
/// every change and rebuilds the desk from the store on start, so a restart never raises an alert twice.
/// </summary>
public sealed class AlertDesk(AlertPolicy policy, Func<DateTimeOffset, string> newId)
{
    private readonly Dictionary<(string Set, string Code, string Group), Alert> _active = [];
    private readonly Dictionary<(string Set, string Code, string Group), DateTimeOffset> _lastResolved = [];

    public IReadOnlyCollection<Alert> Active => _active.Values;

    /// <summary>Restores an alert read from the store.</summary>
    public void Restore(Alert alert)
    {
        var key = (alert.Area.Set, alert.Area.Code, alert.Group);
        if (alert.IsActive) _active[key] = alert;
        else if (alert.ResolvedAt is { } at && (!_lastResolved.TryGetValue(key, out var seen) || at > seen)) _lastResolved[key] = at;
    }

    public Alert? Find(string id) => _active.Values.FirstOrDefault(a => a.Id == id);

    /// <summary>Applies one evaluation of an area and group; returns what changed (nothing, or one change).</summary>
    public AlertChange? Apply(AlertArea area, string group, IReadOnlyList<Evidence> evidence, DateTimeOffset now, long sequence)
    {
        var key = (area.Set, area.Code, group);
        var firing = evidence.Where(e => e.Fires).ToList();
        _active.TryGetValue(key, out var active);

        if (firing.Count == 0)
        {
            if (active is null) return null;
            var resolved = active with { Status = AlertStatus.Resolved, ResolvedAt = now, UpdatedAt = now };
            _active.Remove(key);
            _lastResolved[key] = now;
            return new AlertChange(AlertChangeKind.Resolved, resolved);
        }

        if (active is null)
        {
            if (_lastResolved.TryGetValue(key, out var resolvedAt) && now - resolvedAt < policy.CoolDown) return null;
            var raised = new Alert
            {
                Id = newId(now),
                Area = area,
                Group = group,
                Evidence = firing,
                RaisedAt = now,
                UpdatedAt = now,
                FirstSequence = sequence,
                LastSequence = sequence,
            };
            _active[key] = raised;
            return new AlertChange(AlertChangeKind.Raised, raised);
        }

        // Methods that fired before and no longer do keep their last evidence: the alert lists every method's case.
        var merged = active.Evidence.Where(e => firing.All(f => f.RuleId != e.RuleId)).Concat(firing).OrderBy(e => e.RuleId, StringComparer.Ordinal).ToList();
        if (merged.SequenceEqual(active.Evidence)) return null;
        var sameMethods = merged.Select(e => e.RuleId).SequenceEqual(active.Evidence.Select(e => e.RuleId));
        if (sameMethods && now - active.UpdatedAt < policy.UpdateInterval) return null;
        var updated = active with { Evidence = merged, UpdatedAt = now, LastSequence = Math.Max(active.LastSequence, sequence) };
        _active[key] = updated;
        return new AlertChange(AlertChangeKind.Updated, updated);
    }

    /// <summary>An analyst acknowledges an active alert (it stays active and keeps updating).</summary>
    public AlertChange? Acknowledge(string id, string who, string? note, DateTimeOffset now)
    {
        if (Find(id) is not { } alert) return null;
        var acknowledged = alert with { Status = AlertStatus.Acknowledged, HandledBy = who, Note = note, UpdatedAt = now };
        _active[(alert.Area.Set, alert.Area.Code, alert.Group)] = acknowledged;
        return new AlertChange(AlertChangeKind.Updated, acknowledged);
    }

    /// <summary>An analyst resolves an active alert; the cool-down starts then.</summary>
    public AlertChange? Resolve(string id, string who, string? note, DateTimeOffset now)
    {
        if (Find(id) is not { } alert) return null;
        var key = (alert.Area.Set, alert.Area.Code, alert.Group);
        _active.Remove(key);
        _lastResolved[key] = now;
        return new AlertChange(AlertChangeKind.Resolved, alert with { Status = AlertStatus.Resolved, ResolvedAt = now, UpdatedAt = now, HandledBy = who, Note = note ?? alert.Note });
    }
}
