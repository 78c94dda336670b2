namespace HotSpots.Application.Alerts;

/// <summary>Bound from <c>HotSpots:Alerts</c>. Configured rules add to (or replace, by id) the shipped defaults.</summary>
public sealed class AlertOptions
{
    public TimeSpan CoolDown { get; set; } = TimeSpan.FromHours(6);

    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The shipped defaults (README explains them; the alerts benchmark measures them): ASB and deliberate fires in
    /// every ward and zone.
    /// </summary>
    public Dictionary<string, AlertRuleOptions> Rules { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fires-24h"] = new() { Method = "threshold", Group = "deliberate-fires", Count = 4, Window = TimeSpan.FromHours(24), Severity = "high" },
        ["fires-c2"] = new() { Method = "ears-c2", Group = "deliberate-fires", Limit = 3, MinSigma = 1, MinCount = 3, FalseDiscoveryRate = 0.2, Severity = "medium" },
        ["asb-c2"] = new() { Method = "ears-c2", Group = "asb", Limit = 3, MinSigma = 1, MinCount = 3, FalseDiscoveryRate = 0.2, Severity = "medium" },
        ["asb-cusum"] = new() { Method = "cusum", Group = "asb", ShiftRatio = 2, RunLengthDays = 365, MinCount = 3, FalseDiscoveryRate = 0.2, Severity = "low" },
    };
}
