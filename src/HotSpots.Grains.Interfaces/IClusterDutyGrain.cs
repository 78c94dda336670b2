namespace HotSpots.Grains;

/// <summary>
/// Work that must run once per cluster, not once per node (the demo feed): the grain named after the duty runs it
/// on the silo it is activated on. Every silo calls <see cref="EnsureRunningAsync"/> every few seconds, so when that
/// silo dies the next call activates the grain, and the duty, on a survivor.
/// </summary>
public interface IClusterDutyGrain : IGrainWithStringKey
{
    /// <summary>Activates the duty if it is not running anywhere; returns the silo it runs on.</summary>
    Task<string> EnsureRunningAsync();
}

/// <summary>
/// The cluster's one alert desk: it evaluates the rules, raises, updates and resolves alerts and sends webhooks, so
/// an alert is raised once however many nodes there are. Analysts' acknowledgements and rule changes made on any
/// node come here. Kept running like a <see cref="IClusterDutyGrain"/>.
/// </summary>
public interface IAlertDeskGrain : IGrainWithIntegerKey
{
    /// <summary>Starts the desk if it is not running anywhere; returns the silo it runs on.</summary>
    Task<string> EnsureRunningAsync();

    /// <summary>False when there is no open or acknowledged alert with that id.</summary>
    Task<bool> AcknowledgeAsync(string id, string who, string? note);

    /// <summary>False when there is no open or acknowledged alert with that id.</summary>
    Task<bool> ResolveAsync(string id, string who, string? note);

    /// <summary>Adds, replaces or (with null) removes a rule, given as its stored JSON; returns the problem when it will not do.</summary>
    Task<string?> SetRuleAsync(string id, string? rule);

    /// <summary>The rules in force as a JSON object from id to rule (the form they are stored in).</summary>
    Task<string> RulesAsync();
}
