using HotSpots.Application.Alerts;
using HotSpots.Application.Ingest;
using HotSpots.Domain.Alerts;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Application.Tests.Alerts;

public sealed class AlertEngineTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 20, 30, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    private static AlertOptions FiresOnly(TimeSpan? coolDown = null) => new()
    {
        CoolDown = coolDown ?? TimeSpan.FromHours(6),
        Rules = new(StringComparer.OrdinalIgnoreCase)
        {
            ["fires-24h"] = new() { Method = "threshold", Group = "deliberate-fires", Count = 4, Window = TimeSpan.FromHours(24), Severity = "high" },
        },
    };

    private static IncidentSubmission Fire(string id, DateTimeOffset at) =>
        new("essex-fire", id, "deliberate-secondary-fire", at.ToString("O"), 51.4676, 0.3758, null, null, null);

    private static async Task<(AlertEngine Engine, Recorder Changes)> StartEngineAsync(Harness h, AlertOptions options)
    {
        await h.Tailer.CatchUpAsync();
        var recorder = new Recorder();
        var engine = new AlertEngine(h.Monitors, new SqliteAlertStore(h.Store), options, h.Time, [recorder]);
        await engine.StartAsync();
        return (engine, recorder);
    }

    [Fact]
    public async Task The_incident_that_tips_an_area_over_raises_one_alert_and_later_ones_update_it()
    {
        await using var h = await Harness.StartAsync(Now, storePath: _dir.File("a.db"));
        var (engine, changes) = await StartEngineAsync(h, FiresOnly());

        for (var i = 1; i <= 5; i++)
        {
            // A minute apart: an alert's figures are updated at most once a minute.
            h.Time.Advance(TimeSpan.FromMinutes(1));
            await h.Ingestor.IngestAsync([Fire($"f{i}", Now.AddMinutes(-60 + i))]);
            await h.Tailer.ApplyPendingAsync();
            await engine.EvaluateAsync([new AreaKey(AreaSetKind.Wards, "E05002247")], h.Tailer.AppliedSequence);
        }

        Assert.Equal([AlertChangeKind.Raised, AlertChangeKind.Updated], changes.Kinds);
        Assert.Equal(4, changes.All[0].Alert.Lead.Observed);
        Assert.Equal(5, changes.All[1].Alert.Lead.Observed);
        Assert.Equal(changes.All[0].Alert.Id, changes.All[1].Alert.Id);
        Assert.True(changes.All[1].Alert.LastSequence > changes.All[0].Alert.FirstSequence);
    }

    [Fact]
    public async Task A_restart_rebuilds_from_the_store_and_raises_nothing_twice()
    {
        var path = _dir.File("restart.db");
        string id;
        await using (var h = await Harness.StartAsync(Now, storePath: path))
        {
            await h.Ingestor.IngestAsync([.. Enumerable.Range(1, 5).Select(i => Fire($"f{i}", Now.AddHours(-2).AddMinutes(i)))]);
            var (_, changes) = await StartEngineAsync(h, FiresOnly());
            id = Assert.Single(changes.All).Alert.Id;
        }

        await using var restarted = await Harness.StartAsync(Now.AddMinutes(10), storePath: path);
        var (engine, after) = await StartEngineAsync(restarted, FiresOnly());
        await engine.EvaluateAsync(null, restarted.Tailer.AppliedSequence);

        Assert.Empty(after.All);
        var stored = await new SqliteAlertStore(restarted.Store).QueryAsync(new Store.AlertQuery());
        Assert.Equal(id, Assert.Single(stored).Id);
    }

    [Fact]
    public async Task An_alert_resolves_itself_when_its_window_rolls_past_and_the_cool_down_holds_off_a_new_one()
    {
        await using var h = await Harness.StartAsync(Now, storePath: _dir.File("resolve.db"));
        await h.Ingestor.IngestAsync([.. Enumerable.Range(1, 4).Select(i => Fire($"f{i}", Now.AddHours(-1).AddMinutes(i)))]);
        var (engine, changes) = await StartEngineAsync(h, FiresOnly(TimeSpan.FromHours(6)));

        h.Time.Advance(TimeSpan.FromHours(24));
        await engine.EvaluateAsync(null, h.Tailer.AppliedSequence);
        await h.Ingestor.IngestAsync([.. Enumerable.Range(5, 4).Select(i => Fire($"f{i}", h.Time.GetUtcNow().AddMinutes(-i)))]);
        await h.Tailer.ApplyPendingAsync();
        await engine.EvaluateAsync(null, h.Tailer.AppliedSequence);
        h.Time.Advance(TimeSpan.FromHours(6));
        await h.Ingestor.IngestAsync([Fire("f9", h.Time.GetUtcNow().AddMinutes(-1))]);
        await h.Tailer.ApplyPendingAsync();
        await engine.EvaluateAsync(null, h.Tailer.AppliedSequence);

        Assert.Equal([AlertChangeKind.Raised, AlertChangeKind.Resolved, AlertChangeKind.Raised], changes.Kinds);
        Assert.NotEqual(changes.All[0].Alert.Id, changes.All[2].Alert.Id);
    }

    [Fact]
    public async Task Several_rules_on_the_same_area_and_group_share_one_alert()
    {
        await using var h = await Harness.StartAsync(Now, storePath: _dir.File("join.db"));
        var options = FiresOnly();
        options.Rules["fires-c2"] = new() { Method = "ears-c2", Group = "deliberate-fires", Limit = 3, MinSigma = 1, MinCount = 3, FalseDiscoveryRate = 0 };
        // A fire ten days ago: the data then covers EARS C2's baseline (nine days).
        await h.Ingestor.IngestAsync([Fire("old", Now.AddDays(-10))]);
        await h.Ingestor.IngestAsync([.. Enumerable.Range(1, 5).Select(i => Fire($"f{i}", Now.AddHours(-2).AddMinutes(i)))]);

        var (_, changes) = await StartEngineAsync(h, options);

        var alert = Assert.Single(changes.All).Alert;
        Assert.Equal(["fires-24h", "fires-c2"], alert.Evidence.Select(e => e.RuleId));
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.05, false)]
    [InlineData(0.2, true)]
    public async Task A_statistical_rule_tested_across_every_ward_alarms_only_past_the_false_discovery_step(double q, bool raised)
    {
        await using var h = await Harness.StartAsync(Now, storePath: _dir.File($"fdr-{q}.db"));
        // One fire a day for four weeks in Tilbury St Chads, then five today: EARS C2 = (5 - 1) / 1 = 4, Poisson p = 0.0037.
        await h.Ingestor.IngestAsync([.. Enumerable.Range(1, 28).Select(d => Fire($"d{d}", Now.AddDays(-d)))]);
        await h.Ingestor.IngestAsync([.. Enumerable.Range(1, 5).Select(i => Fire($"t{i}", Now.AddHours(-i)))]);
        var options = new AlertOptions
        {
            Rules = new(StringComparer.OrdinalIgnoreCase)
            {
                ["fires-c2"] = new() { Method = "ears-c2", Group = "deliberate-fires", Scope = "wards", Limit = 3, MinSigma = 1, MinCount = 3, FalseDiscoveryRate = q },
            },
        };

        var (_, changes) = await StartEngineAsync(h, options);

        // With 20 wards, BH at q lets the smallest p-value through only below q / 20: 0.0025 at 0.05, 0.01 at 0.2.
        Assert.Equal(raised, changes.All.Count == 1);
    }

    [Fact]
    public async Task A_young_store_raises_no_statistical_alert_on_its_empty_baseline_but_thresholds_still_work()
    {
        await using var h = await Harness.StartAsync(Now, storePath: _dir.File("young.db"));
        var options = new AlertOptions
        {
            Rules = new(StringComparer.OrdinalIgnoreCase)
            {
                ["fires-c2"] = new() { Method = "ears-c2", Group = "deliberate-fires", Limit = 3, MinSigma = 1, MinCount = 3, FalseDiscoveryRate = 0 },
                ["fires-24h"] = new() { Method = "threshold", Group = "deliberate-fires", Count = 6 },
            },
        };
        await h.Ingestor.IngestAsync([.. Enumerable.Range(1, 5).Select(i => Fire($"f{i}", Now.AddHours(-2).AddMinutes(i)))]);

        var (engine, changes) = await StartEngineAsync(h, options);
        Assert.Empty(changes.All);

        h.Time.Advance(TimeSpan.FromMinutes(5));
        await h.Ingestor.IngestAsync([Fire("f6", h.Time.GetUtcNow().AddMinutes(-1))]);
        await h.Tailer.ApplyPendingAsync();
        await engine.EvaluateAsync(null, h.Tailer.AppliedSequence);
        Assert.Equal(["fires-24h"], Assert.Single(changes.All).Alert.Evidence.Select(e => e.RuleId));
    }

    [Fact]
    public async Task A_stray_incident_years_before_the_data_raises_no_alert_on_the_default_rules()
    {
        await using var h = await Harness.StartAsync(Now, storePath: _dir.File("stray.db"));
        // A placeholder date from a partner's system, then ten steady days of four ASB incidents a day in one ward:
        // read from 2000, the weeks before the data would be a quiet baseline and CUSUM would call the steady days a rise.
        await h.Ingestor.IngestAsync([Asb("stray", new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))]);
        await h.Ingestor.IngestAsync([.. Enumerable.Range(0, 10).SelectMany(d => Enumerable.Range(1, 4).Select(i => Asb($"d{d}-{i}", Now.AddDays(-d).AddHours(-i))))]);

        var (_, changes) = await StartEngineAsync(h, new AlertOptions());

        Assert.Empty(changes.All);
    }

    [Fact]
    public async Task After_a_month_long_gap_a_rise_is_judged_only_by_the_rules_whose_baseline_the_data_since_covers()
    {
        await using var h = await Harness.StartAsync(Now, storePath: _dir.File("gap.db"));
        await h.Ingestor.IngestAsync([.. Enumerable.Range(40, 5).Select(d => Asb($"old{d}", Now.AddDays(-d)))]);
        await h.Ingestor.IngestAsync([.. Enumerable.Range(1, 10).SelectMany(d => Enumerable.Range(1, 2).Select(i => Asb($"d{d}-{i}", Now.AddDays(-d).AddHours(-i))))]);
        var (engine, changes) = await StartEngineAsync(h, new AlertOptions());
        Assert.Empty(changes.All);

        await h.Ingestor.IngestAsync([.. Enumerable.Range(1, 9).Select(i => Asb($"t{i}", Now.AddMinutes(-5 * i)))]);
        await h.Tailer.ApplyPendingAsync();
        await engine.EvaluateAsync(null, h.Tailer.AppliedSequence);

        // The ward and the zone over it; CUSUM needs 35 days of data, and the ten since the gap are not enough.
        Assert.Equal(2, changes.All.Count);
        Assert.All(changes.All, c => Assert.Equal(["asb-c2"], c.Alert.Evidence.Where(e => e.Fires).Select(e => e.RuleId)));
    }

    private static IncidentSubmission Asb(string id, DateTimeOffset at) =>
        new("essex-police", id, "anti-social-behaviour", at.ToString("O"), 51.4757, 0.3217, null, null, null);

    public void Dispose() => _dir.Dispose();

    private sealed class Recorder : IAlertObserver
    {
        public List<AlertChange> All { get; } = [];

        public List<AlertChangeKind> Kinds => [.. All.Select(c => c.Kind)];

        public Task AlertChangedAsync(AlertChange change, CancellationToken cancellationToken)
        {
            All.Add(change);
            return Task.CompletedTask;
        }
    }
}
