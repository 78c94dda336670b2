using HotSpots.Domain.Alerts;
using HotSpots.Domain.Incidents;

namespace HotSpots.Host.Alerts;

/// <summary>One method's case within an alert.</summary>
public sealed record EvidenceView(
    string RuleId, string Method, string Window, int Observed, double Expected, double Statistic, double Threshold, double PValue, bool Fires, string Severity);

/// <summary>
/// An alert as the API, the hub and webhooks give it: the lead method's figures, the sentence, and every method's
/// evidence. <paramref name="Origin"/> is <c>drill</c> when only drill incidents make it fire, else <c>recorded</c>.
/// </summary>
public sealed record AlertView(
    string Id, string Origin, string RuleId, string AreaSet, string AreaCode, string AreaName, string Group, string Method, string Window,
    int Observed, double Expected, double Statistic, double Threshold, double PValue, string Severity, string Status, string Explanation,
    DateTimeOffset RaisedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ResolvedAt, string? HandledBy, string? Note,
    long FirstSequence, long LastSequence, IReadOnlyList<EvidenceView> Evidence)
{
    public static AlertView Of(Alert alert)
    {
        var lead = alert.Lead;
        return new AlertView(alert.Id, alert.Origin.Slug(), lead.RuleId, alert.Area.Set, alert.Area.Code, alert.Area.Name, alert.Group, lead.MethodName, lead.Window,
            lead.Observed, Math.Round(lead.Expected, 3), Math.Round(lead.Statistic, 3), Math.Round(lead.Threshold, 3), lead.PValue,
            Slug(lead.Severity), alert.Status.ToString().ToLowerInvariant(), alert.Explanation, alert.RaisedAt, alert.UpdatedAt, alert.ResolvedAt,
            alert.HandledBy, alert.Note, alert.FirstSequence, alert.LastSequence,
            [.. alert.Evidence.Select(e => new EvidenceView(e.RuleId, e.MethodName, e.Window, e.Observed, Math.Round(e.Expected, 3),
                Math.Round(e.Statistic, 3), Math.Round(e.Threshold, 3), e.PValue, e.Fires, Slug(e.Severity)))]);
    }

    private static string Slug(Severity severity) => severity.ToString().ToLowerInvariant();
}
