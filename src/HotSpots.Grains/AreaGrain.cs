using HotSpots.Domain.Alerts;
using HotSpots.Domain.Evaluation;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using Microsoft.Extensions.Options;

namespace HotSpots.Grains;

/// <summary>An area grain's checkpoint: the position it holds everything up to, the stretches it holds beyond, and its counts.</summary>
[GenerateSerializer]
public sealed class AreaCheckpoint
{
    [Id(0)] public AreaKey? Area { get; set; }

    [Id(1)] public long Through { get; set; }

    [Id(2)] public byte[] Counts { get; set; } = [];

    /// <summary>Stretches held beyond <see cref="Through"/>, as (after, up to) pairs.</summary>
    [Id(3)] public long[] Ahead { get; set; } = [];
}

/// <summary>
/// One area's counts (recorded incidents, drills apart, repeat locations). A grain turn at a time, so no locks. State
/// comes from the log through batches and goes to grain storage every <see cref="CheckpointOptions.CheckpointEvery"/>
/// incidents, every <see cref="CheckpointOptions.CheckpointInterval"/> and on deactivation; a crash loses only what
/// the log gives back (the reader re-sends from its own checkpoint and this grain skips what it holds).
/// </summary>
public sealed class AreaGrain(
    [PersistentState("area", AreaGrain.StorageName)] IPersistentState<AreaCheckpoint> checkpoint,
    LiveNotifier notifier,
    IOptions<CheckpointOptions> options,
    TimeProvider time) : Grain, IAreaGrain
{
    public const string StorageName = "hotspots";

    private AreaCounts _counts = new();
    private AreaCounts _drills = new();
    private LocationTally _locations = new();
    private AreaKey? _area;
    private readonly LogCursor _cursor = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (checkpoint.RecordExists && checkpoint.State.Counts.Length > 0)
        {
            using var reader = new BinaryReader(new MemoryStream(checkpoint.State.Counts));
            _counts = AreaCounts.Read(reader);
            _drills = AreaCounts.Read(reader);
            _locations = LocationTally.Read(reader);
            _cursor.Restore(checkpoint.State.Through, checkpoint.State.Ahead);
            _area = checkpoint.State.Area;
        }
        var interval = options.Value.CheckpointInterval;
        this.RegisterGrainTimer(_ => _cursor.SaveIfChangedAsync(SaveAsync), interval, interval);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _cursor.SaveIfChangedAsync(SaveAsync);

    public async Task<AreaApplied> ApplyAsync(AreaBatch batch)
    {
        int applied;
        if (batch.Handed) applied = _cursor.Hold(batch.Previous, batch.UpTo, batch.Incidents, static i => i.Sequence, Record);
        else if (!_cursor.TryApply(batch.Previous, batch.UpTo, batch.Incidents, static i => i.Sequence, Record, out applied)) return _cursor.Gap;
        _area ??= batch.Area;
        if (applied > 0) notifier.Changed(batch.Area);
        if (_cursor.Unsaved >= options.Value.CheckpointEvery) await SaveAsync();
        return _cursor.Held;
    }

    public Task<AreaApplied> CheckpointAsync(long previous, long upTo) => _cursor.CheckpointAsync(previous, upTo, SaveAsync);

    public Task<AreaWritten> GetWrittenAsync(long previous) => Task.FromResult(_cursor.Written(previous));

    public Task<long> GetThroughAsync() => Task.FromResult(_cursor.Through);

    public Task<HeatReading> GetHeatAsync(HeatQuery query) =>
        Task.FromResult(Read(_counts, query).WithDrills(_drills.Total == 0 ? 0 : Read(_drills, query).Observed));

    public Task<HarmHeat> GetHarmHeatAsync(HeatQuery query, double[] weights)
    {
        double observed = 0, expected = 0;
        foreach (var category in query.Group.Members)
        {
            var weight = weights[(int)category];
            if (weight == 0) continue;
            var single = query with { Group = CategoryGroup.Single(category) };
            var reading = Read(_counts, single);
            observed += weight * (reading.Observed + (_drills.Total == 0 ? 0 : Read(_drills, single).Observed));
            expected += weight * reading.Expected;
        }
        // Whether there is a baseline depends on the window and the data's start, never on the category.
        var hasBaseline = Read(_counts, query).HasBaseline;
        var drills = _drills.Total == 0 ? 0 : Read(_drills, query).Observed;
        return Task.FromResult(new HarmHeat(observed, expected, HeatScore.FreemanTukey(observed, expected), hasBaseline, drills));
    }

    public Task<AreaProfile> GetProfileAsync(HeatQuery query)
    {
        var at = query.At ?? time.GetUtcNow();
        var daily = new int[28];
        var monthly = new int[LocationTally.MonthsHeld];
        var lastMonth = at.Year * 12 + at.Month - 1;
        var categories = new List<CategoryHeat>();
        foreach (var category in Categories.All)
        {
            var reading = Read(_counts, query with { Group = CategoryGroup.Single(category) });
            if (reading.Observed > 0 || reading.Expected > 0) categories.Add(new CategoryHeat(category, reading));
        }
        _counts.FillDays(query.Group, at, daily);
        _counts.FillMonths(query.Group, lastMonth, monthly);
        return Task.FromResult(new AreaProfile([.. categories], daily, monthly, [.. _locations.Top(query.Group, lastMonth, 10)]));
    }

    public Task<AreaSignal> GetSignalAsync(CategoryGroup group) => Task.FromResult(Signal(group));

    public Task<Evidence[]> EvaluateAsync(AlertRule[] rules, int coveredDays)
    {
        var signals = new Dictionary<string, AreaSignal>(StringComparer.Ordinal);
        var evidence = new Evidence[rules.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            if (!signals.TryGetValue(rule.Group.Slug, out var signal)) signals[rule.Group.Slug] = signal = Signal(rule.Group) with { CoveredDays = coveredDays };
            evidence[i] = RuleEvaluator.Evaluate(rule, signal);
        }
        return Task.FromResult(evidence);
    }

    public Task<PeriodCount[]> CountAsync(CategoryGroup group, DayRange[] ranges) =>
        Task.FromResult(ranges.Select(r => _counts.Count(group, r)).ToArray());

    public Task<int[]> GetDailyCountsAsync(CategoryGroup group, DayRange range)
    {
        var days = new int[range.Days];
        _counts.FillDays(group, range, days);
        return Task.FromResult(days);
    }

    private void Record(CountedIncident incident)
    {
        if (incident.Origin == IncidentOrigin.Drill)
        {
            _drills.Record(incident.Category, incident.OccurredAt);
            return;
        }
        _counts.Record(incident.Category, incident.OccurredAt);
        _locations.Record(incident.Category, incident.Location, incident.OccurredAt.MonthIndex);
    }

    private AreaSignal Signal(CategoryGroup group)
    {
        var now = time.GetUtcNow();
        var signal = new AreaSignal(new int[AreaSignal.DaysHeld], new int[AreaSignal.DaysHeld], new int[AreaSignal.HoursHeld], new int[AreaSignal.HoursHeld]);
        _counts.FillDays(group, now, signal.Days);
        _counts.FillHours(group, now, signal.Hours);
        if (_drills.Total > 0)
        {
            _drills.FillDays(group, now, signal.DrillDays);
            _drills.FillHours(group, now, signal.DrillHours);
        }
        return signal;
    }

    private HeatReading Read(AreaCounts counts, HeatQuery query) => query.Window.IsCalendarMonth
        ? counts.Month(query.Group, query.MonthIndex, query.Coverage.FirstMonthIndex)
        : counts.Rolling(query.Group, query.Window, query.At ?? time.GetUtcNow(), query.Coverage.FirstExact);

    /// <summary>Writes the counts with the position they are complete up to: never a position whose incidents they lack.</summary>
    private async Task SaveAsync()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            _counts.Write(writer);
            _drills.Write(writer);
            _locations.Write(writer);
        }
        checkpoint.State = new AreaCheckpoint { Area = _area, Through = _cursor.Through, Ahead = _cursor.Ahead, Counts = buffer.ToArray() };
        await checkpoint.WriteStateAsync();
        _cursor.Saved();
    }
}
