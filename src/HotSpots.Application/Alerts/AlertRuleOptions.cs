using HotSpots.Domain.Alerts;
using HotSpots.Domain.Incidents;

namespace HotSpots.Application.Alerts;

/// <summary>A rule as configuration and the admin API give it; <see cref="ToRule"/> checks it.</summary>
public sealed partial class AlertRuleOptions
{
    public bool Enabled { get; set; } = true;

    public string Method { get; set; } = "";

    public string Group { get; set; } = "";

    public string Scope { get; set; } = "all";

    public List<string> Areas { get; set; } = [];

    public string Severity { get; set; } = "medium";

    public int? Count { get; set; }

    public TimeSpan? Window { get; set; }

    public double? Limit { get; set; }

    public double? MinSigma { get; set; }

    public int? MinCount { get; set; }

    public double? ShiftRatio { get; set; }

    public double? RunLengthDays { get; set; }

    public double? FalseDiscoveryRate { get; set; }

    /// <summary>CUSUM on hourly counts (the last 24 hours) rather than daily ones.</summary>
    public bool Hourly { get; set; }

    public const int MaxCount = 10_000;
    public const double MaxRunLengthDays = 3_650;
    public const int MaxAreas = 1_000;
    public const int MaxAreaCode = 64;

    /// <summary>The checked rule, or the problem in plain words.</summary>
    public AlertRule? ToRule(string id, out string? problem)
    {
        problem = null;
        DetectorMethod? method = Method.ToLowerInvariant() switch
        {
            "threshold" => DetectorMethod.Threshold,
            "ears-c1" => DetectorMethod.EarsC1,
            "ears-c2" => DetectorMethod.EarsC2,
            "ears-c3" => DetectorMethod.EarsC3,
            "cusum" => DetectorMethod.Cusum,
            _ => null,
        };
        RuleScope? scope = Scope.ToLowerInvariant() switch { "wards" => RuleScope.Wards, "zones" => RuleScope.Zones, "all" => RuleScope.All, _ => null };
        Severity? severity = Severity.ToLowerInvariant() switch
        {
            "low" => Domain.Alerts.Severity.Low,
            "medium" => Domain.Alerts.Severity.Medium,
            "high" => Domain.Alerts.Severity.High,
            _ => null,
        };
        if (!RuleId().IsMatch(id)) problem = "a rule id is 1-64 characters of letters, digits, '-' and '_'";
        else if (method is null) problem = $"method '{Method}' is not threshold, ears-c1, ears-c2, ears-c3 or cusum";
        else if (!CategoryGroup.TryParse(Group, out var group)) problem = $"group '{Group}' is not asb, deliberate-fires, violence, all or a category";
        else if (scope is null) problem = $"scope '{Scope}' is not wards, zones or all";
        else if (severity is null) problem = $"severity '{Severity}' is not low, medium or high";
        else if (Count is < 1 or > MaxCount) problem = $"count must be from 1 to {MaxCount}";
        else if (Window is { } w && (w < TimeSpan.FromHours(1) || w > TimeSpan.FromDays(7) || w.Ticks % TimeSpan.TicksPerHour != 0))
            problem = "window must be whole hours from 1 hour to 7 days";
        else if (MinCount is < 0 or > MaxCount) problem = $"minCount must be from 0 to {MaxCount}";
        else if (Outside(Limit, 0, 100, lowOpen: true)) problem = "limit must be above 0 and at most 100";
        else if (Outside(MinSigma, 0, 100)) problem = "minSigma must be from 0 to 100";
        else if (Outside(FalseDiscoveryRate, 0, 1, highOpen: true)) problem = "falseDiscoveryRate must be from 0 (off) to below 1";
        else if (Outside(ShiftRatio, 1, 20, lowOpen: true)) problem = "shiftRatio must be above 1 and at most 20";
        // The CUSUM's threshold is searched for over the run length: 1e9 days took two minutes and stalled alerting.
        else if (Outside(RunLengthDays, 2, MaxRunLengthDays)) problem = $"runLengthDays must be from 2 to {MaxRunLengthDays}";
        else if (Areas.Count > MaxAreas) problem = $"areas lists more than {MaxAreas} areas";
        else if (Areas.Any(a => a is not { Length: > 0 and <= MaxAreaCode })) problem = $"areas must be codes of 1 to {MaxAreaCode} characters";
        else
        {
            var rule = new AlertRule { Id = id, Method = method.Value, Group = group, Scope = scope.Value, Areas = [.. Areas], Severity = severity.Value };
            return rule with
            {
                Count = Count ?? rule.Count,
                Window = Window ?? rule.Window,
                Limit = Limit ?? (method == DetectorMethod.EarsC3 ? 2 : rule.Limit),
                MinSigma = MinSigma ?? rule.MinSigma,
                MinCount = MinCount ?? rule.MinCount,
                ShiftRatio = ShiftRatio ?? rule.ShiftRatio,
                RunLengthDays = RunLengthDays ?? rule.RunLengthDays,
                FalseDiscoveryRate = FalseDiscoveryRate ?? rule.FalseDiscoveryRate,
                Hourly = Hourly,
            };
        }
        return null;
    }

    /// <summary>Ids are kept in the store and shown in every alert; a 1 MB id or a control character has no place there.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex RuleId();

    /// <summary>Whether a given value lies outside a range (NaN and infinities always do); an absent one never does.</summary>
    private static bool Outside(double? value, double low, double high, bool lowOpen = false, bool highOpen = false) =>
        value is { } v && !(double.IsFinite(v) && (lowOpen ? v > low : v >= low) && (highOpen ? v < high : v <= high));
}
