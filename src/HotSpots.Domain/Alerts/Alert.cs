using System.Globalization;
using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Alerts;

public enum AlertStatus
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>Where an alert is: the area set (wards or zones), the area's code and name.</summary>
public readonly record struct AlertArea(string Set, string Code, string Name);

/// <summary>
/// One alert: an area and a category group that spiked. Every rule that fires for the same area and group joins it,
/// each with its latest <see cref="Evidence"/>; the <see cref="Lead"/> evidence (most severe, then most significant)
/// gives the headline figures and the sentence.
/// </summary>
public sealed record Alert
{
    public required string Id { get; init; }

    public required AlertArea Area { get; init; }

    public required string Group { get; init; }

    public AlertStatus Status { get; init; } = AlertStatus.Open;

    public required IReadOnlyList<Evidence> Evidence { get; init; }

    public required DateTimeOffset RaisedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Who acknowledged or resolved it by hand, and their note; null for automatic resolution.</summary>
    public string? HandledBy { get; init; }

    public string? Note { get; init; }

    /// <summary>Log positions of the incidents that raised it and that last changed it.</summary>
    public long FirstSequence { get; init; }

    public long LastSequence { get; init; }

    public bool IsActive => Status != AlertStatus.Resolved;

    public Evidence Lead => Evidence.OrderByDescending(e => e.Severity).ThenBy(e => e.PValue).ThenBy(e => e.RuleId, StringComparer.Ordinal).First();

    public Severity Severity => Lead.Severity;

    /// <summary>A drill's alert when every finding in it fires only because of drill incidents; otherwise a real one.</summary>
    public IncidentOrigin Origin => Evidence.All(e => e.DrillOnly) ? IncidentOrigin.Drill : IncidentOrigin.Recorded;

    /// <summary>One plain sentence, e.g. "7 deliberate fires in Tilbury St Chads in the last 24 h against about 0.4 expected (EARS C2, threshold 2.9)".</summary>
    public string Explanation
    {
        get
        {
            var lead = Lead;
            var when = lead.Window == "today" ? "today" : $"in the last {lead.Window.TrimEnd('h')} h";
            var statistic = lead.Method == DetectorMethod.Threshold
                ? $"threshold rule, at least {lead.Threshold:0}"
                : $"{lead.MethodName} {lead.Statistic:0.0}, threshold {lead.Threshold:0.0}";
            var others = Evidence.Count > 1 ? $"; also {string.Join(", ", Evidence.Where(e => e != lead).Select(e => e.MethodName).Distinct())}" : "";
            // The sentence travels alone (webhooks, print, screen readers), so a drill says so in it.
            var drill = Origin == IncidentOrigin.Drill ? "DRILL (training, not real incidents): " : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"{drill}{lead.Observed} {Describe(Group, lead.Observed)} in {Area.Name} {when} against about {lead.Expected:0.0} expected ({statistic}{others})");
        }
    }

    private static string Describe(string group, int count) => (group, count == 1) switch
    {
        ("asb", true) => "ASB incident",
        ("asb", false) => "ASB incidents",
        ("deliberate-fires", true) => "deliberate fire",
        ("deliberate-fires", false) => "deliberate fires",
        ("violence", true) => "violent incident",
        ("violence", false) => "violent incidents",
        ("all", true) => "incident",
        ("all", false) => "incidents",
        (var slug, _) => $"{slug.Replace('-', ' ')} incident{(count == 1 ? "" : "s")}",
    };
}
