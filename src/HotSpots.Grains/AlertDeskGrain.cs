using HotSpots.Application.Alerts;
using Microsoft.Extensions.Logging;

namespace HotSpots.Grains;

/// <summary>
/// The cluster's one alert engine, on whichever silo holds this grain. Activation builds a fresh engine from the
/// store (rules, alerts within the cool-down) and evaluates every area, then evaluation follows the live events of
/// this node, which hear of area changes on every silo. A desk that moved after its silo died picks up the stored
/// alerts, so it updates them rather than raising them again.
/// </summary>
[KeepAlive]
public sealed class AlertDeskGrain(AlertDuty duty, ILocalSiloDetails silo, ILogger<AlertDeskGrain> logger) : Grain, IAlertDeskGrain
{
    private readonly BackgroundRun _run = new();
    private AlertEngine _engine = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _engine = duty.Create();
        await _engine.StartAsync(cancellationToken);
        logger.LogInformation("The alert desk runs on {Silo} with {Rules} rules: {Ids}", silo.SiloAddress, _engine.Rules.Count, string.Join(", ", _engine.Rules.Select(r => r.Id)));
        _run.Start(token => duty.RunAsync(_engine, token), error => logger.LogError(error, "Alert evaluation failed; it starts again in a few seconds"));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _run.StopAsync(cancellationToken);

    public Task<string> EnsureRunningAsync() => Task.FromResult(silo.SiloAddress.ToString());

    public async Task<bool> AcknowledgeAsync(string id, string who, string? note) => await _engine.AcknowledgeAsync(id, who, note) is not null;

    public async Task<bool> ResolveAsync(string id, string who, string? note) => await _engine.ResolveAsync(id, who, note) is not null;

    public Task<string?> SetRuleAsync(string id, string? rule) => _engine.SetRuleAsync(id, rule is null ? null : AlertRuleJson.Read(rule));

    public Task<string> RulesAsync() => Task.FromResult(AlertRuleJson.WriteAll(_engine.RuleOptions));
}
