using HotSpots.Application.Monitoring;
using HotSpots.Domain.Alerts;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Store;

namespace HotSpots.Application.Alerts;

/// <summary>Told of every alert change after it is stored: the hub, webhooks.</summary>
public interface IAlertObserver
{
    /// <summary>Must return quickly: evaluation waits for it (a slow delivery belongs on a queue of its own).</summary>
    Task AlertChangedAsync(AlertChange change, CancellationToken cancellationToken);
}

/// <summary>
/// Runs the alert rules on the monitors' counts and keeps the alerts. Each time the log tailer applies a page, the
/// areas it changed are evaluated again (so an alert can fire on the incident that tips it over); every area is
/// evaluated at each clock hour (windows move, and daily methods close their day at midnight UTC). A statistical
/// rule's p-values across all its areas go through Benjamini–Hochberg before any of them may fire. Findings go to
/// the <see cref="AlertDesk"/>, every change is stored before observers hear of it, and on start the desk is rebuilt
/// from the store, so a restart's first evaluation updates the alerts it finds rather than raising them again.
/// One evaluation runs at a time.
/// </summary>
public sealed class AlertEngine
{
    private readonly MonitorDirectory _monitors;
    private readonly IAlertStore _store;
    private readonly AlertOptions _options;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<IAlertObserver> _observers;
    private readonly AlertDesk _desk;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Dictionary<(string Rule, AreaKey Area), Evidence> _evidence = [];
    private readonly Dictionary<(string Rule, AreaKey Area), Evidence> _final = [];
    private Dictionary<string, AlertRuleOptions> _ruleOptions;
    private IReadOnlyList<AlertRule> _rules = [];

    public AlertEngine(MonitorDirectory monitors, IAlertStore store, AlertOptions options, TimeProvider time, IEnumerable<IAlertObserver> observers)
    {
        (_monitors, _store, _options, _time, _observers) = (monitors, store, options, time, [.. observers]);
        _desk = new AlertDesk(new AlertPolicy { CoolDown = options.CoolDown, UpdateInterval = options.UpdateInterval }, NewId);
        _ruleOptions = new(options.Rules, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<AlertRule> Rules => _rules;

    public IReadOnlyDictionary<string, AlertRuleOptions> RuleOptions => _ruleOptions;

    /// <summary>Loads rule changes made through the API and the alerts a restart must know, then evaluates every area.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (id, body) in await _store.RulesAsync(cancellationToken))
        {
            if (body is null) _ruleOptions.Remove(id);
            else _ruleOptions[id] = AlertRuleJson.Read(body);
        }
        _rules = Compile(_ruleOptions);
        foreach (var alert in await _store.LoadForRestartAsync(_time.GetUtcNow() - _options.CoolDown, cancellationToken)) _desk.Restore(alert);
        await EvaluateAsync(null, 0, cancellationToken);
    }

    /// <summary>Evaluates the rules for some areas (all when null); <paramref name="sequence"/> is the log position they reflect.</summary>
    public async Task EvaluateAsync(IReadOnlyCollection<AreaKey>? changed, long sequence, CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            var covered = _monitors.Coverage.FirstExact is { } first ? (int)Math.Max(0, (now.UtcDateTime.Date - first.UtcDateTime.Date).TotalDays) : 0;
            var snapshot = _monitors.Current;
            var watched = _rules.ToDictionary(r => r.Id, r => Areas(r, snapshot.Geography));
            var due = new Dictionary<AreaKey, List<AlertRule>>();
            foreach (var rule in _rules)
            {
                foreach (var key in watched[rule.Id])
                {
                    if (changed is not null && !changed.Contains(key) && _evidence.ContainsKey((rule.Id, key))) continue;
                    if (!due.TryGetValue(key, out var rules)) due[key] = rules = [];
                    rules.Add(rule);
                }
            }
            // Each area's grain runs its own rules on its own counts; only the cross-area step and the desk are here.
            var found = await Task.WhenAll(due.Select(async pair => (Area: pair.Key, Rules: pair.Value, Evidence: await snapshot.Get(pair.Key).EvaluateAsync([.. pair.Value], covered))));
            foreach (var (area, rules, evidence) in found)
            {
                for (var i = 0; i < rules.Count; i++) _evidence[(rules[i].Id, area)] = evidence[i];
            }
            var affected = new HashSet<(AreaKey Area, CategoryGroup Group)>();
            foreach (var rule in _rules)
            {
                var areas = watched[rule.Id];
                var fires = Decide(rule, areas);
                for (var i = 0; i < areas.Count; i++)
                {
                    var evidence = _evidence[(rule.Id, areas[i])] with { Fires = fires[i] };
                    if (!_final.TryGetValue((rule.Id, areas[i]), out var before) || before != evidence) affected.Add((areas[i], rule.Group));
                    _final[(rule.Id, areas[i])] = evidence;
                }
            }
            foreach (var (key, group) in affected.OrderBy(a => a.Area.ToString(), StringComparer.Ordinal))
            {
                var evidence = _rules.Where(r => r.Group.Slug == group.Slug && _final.ContainsKey((r.Id, key))).Select(r => _final[(r.Id, key)]).ToList();
                if (_desk.Apply(Area(key, snapshot.Geography), group.Slug, evidence, now, sequence) is { } change) await PublishAsync(change, cancellationToken);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Evaluates as area grains report changes (through this node's <see cref="LiveEvents"/>) and at each clock hour (every area), until
    /// cancelled. Changes arriving during an evaluation are gathered for the next one, so a busy feed means fewer,
    /// larger evaluations rather than a queue.
    /// </summary>
    public async Task RunAsync(LiveEvents events, IncidentLogTailer tailer, CancellationToken cancellationToken)
    {
        var gate = new Lock();
        var pending = new HashSet<AreaKey>();
        var changed = new Wakeup();
        void OnAreasChanged(IReadOnlyCollection<AreaKey> keys)
        {
            lock (gate) pending.UnionWith(keys);
            changed.Set();
        }
        events.AreasUpdated += OnAreasChanged;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var areasChanged = await changed.WaitUntilNextHourAsync(_time, cancellationToken);
                HashSet<AreaKey> keys;
                lock (gate)
                {
                    keys = pending;
                    pending = [];
                }
                // Areas reported while the last evaluation ran were taken by it; the wake-up they left has nothing to do.
                if (areasChanged && keys.Count == 0) continue;
                await EvaluateAsync(areasChanged ? keys : null, tailer.AppliedSequence, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            events.AreasUpdated -= OnAreasChanged;
        }
    }

    public Task<Alert?> AcknowledgeAsync(string id, string who, string? note, CancellationToken cancellationToken = default) =>
        HandleAsync(() => _desk.Acknowledge(id, who, note, _time.GetUtcNow()), cancellationToken);

    public Task<Alert?> ResolveAsync(string id, string who, string? note, CancellationToken cancellationToken = default) =>
        HandleAsync(() => _desk.Resolve(id, who, note, _time.GetUtcNow()), cancellationToken);

    /// <summary>Adds, replaces or (with null) removes a rule; kept in the store. Returns the problem when it will not do.</summary>
    public async Task<string?> SetRuleAsync(string id, AlertRuleOptions? options, CancellationToken cancellationToken = default)
    {
        string? problem = null;
        AlertRule? rule = null;
        if (options is not null && (rule = options.ToRule(id, out problem)) is null) return problem;
        if (rule is not null && options!.Enabled) await DesignAheadAsync(rule, cancellationToken);
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var next = new Dictionary<string, AlertRuleOptions>(_ruleOptions, StringComparer.OrdinalIgnoreCase);
            if (options is null) next.Remove(id);
            else next[id] = options;
            await _store.SaveRuleAsync(id, options is null ? null : AlertRuleJson.Write(options), cancellationToken);
            (_ruleOptions, _rules) = (next, Compile(next));
            foreach (var key in _evidence.Keys.Where(k => k.Rule.Equals(id, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                _evidence.Remove(key);
                _final.Remove(key);
            }
        }
        finally
        {
            _turn.Release();
        }
        await EvaluateAsync(null, 0, cancellationToken);
        return null;
    }

    /// <summary>
    /// Works out a CUSUM rule's designs (k and h for each area's baseline rate) from the areas' counts as they stand,
    /// before the turn is taken: the evaluation that follows then finds them made (they are kept by rate), instead of
    /// making them while every other rule's alerts wait. The one saving the rule waits for them instead.
    /// </summary>
    private async Task DesignAheadAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        if (rule.Method != DetectorMethod.Cusum) return;
        var snapshot = _monitors.Current;
        var signals = await Task.WhenAll(Areas(rule, snapshot.Geography).Select(k => snapshot.Get(k).GetSignalAsync(rule.Group))).WaitAsync(cancellationToken);
        await Task.Run(() =>
        {
            foreach (var signal in signals) RuleEvaluator.Evaluate(rule, signal);
        }, cancellationToken);
    }

    /// <summary>Each area's final say: the detector fired, and for a statistical rule its p-value survived the FDR step.</summary>
    private bool[] Decide(AlertRule rule, IReadOnlyList<AreaKey> areas)
    {
        var evidence = areas.Select(a => _evidence[(rule.Id, a)]).ToList();
        if (!rule.IsStatistical || rule.FalseDiscoveryRate <= 0) return [.. evidence.Select(e => e.Fires)];
        var rejected = BenjaminiHochberg.Reject([.. evidence.Select(e => e.PValue)], rule.FalseDiscoveryRate);
        return [.. evidence.Select((e, i) => e.Fires && rejected[i])];
    }

    private static List<AreaKey> Areas(AlertRule rule, GeographyModel geography)
    {
        var keys = new List<AreaKey>();
        if (rule.Scope != RuleScope.Zones) keys.AddRange(geography.Wards.Areas.Where(a => rule.Watches(false, a.Code)).Select(a => new AreaKey(AreaSetKind.Wards, a.Code)));
        if (rule.Scope != RuleScope.Wards) keys.AddRange(geography.Zones.Areas.Where(a => rule.Watches(true, a.Code)).Select(a => new AreaKey(AreaSetKind.Zones, a.Code)));
        return keys;
    }

    private static AlertArea Area(AreaKey key, GeographyModel geography)
    {
        var set = geography.Set(key.Set);
        return new AlertArea(set.Name, key.Code, set.ByCode[key.Code].Name);
    }

    private async Task<Alert?> HandleAsync(Func<AlertChange?> action, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (action() is not { } change) return null;
            await PublishAsync(change, cancellationToken);
            return change.Alert;
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task PublishAsync(AlertChange change, CancellationToken cancellationToken)
    {
        await _store.SaveAsync(change.Alert, cancellationToken);
        foreach (var observer in _observers) await observer.AlertChangedAsync(change, cancellationToken);
    }

    private static List<AlertRule> Compile(IReadOnlyDictionary<string, AlertRuleOptions> options) =>
        [.. options.Where(o => o.Value.Enabled).OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => o.Value.ToRule(o.Key, out var problem) ?? throw new InvalidOperationException($"alert rule '{o.Key}': {problem}"))];

    private static string NewId(DateTimeOffset now) => $"A{now:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
}
