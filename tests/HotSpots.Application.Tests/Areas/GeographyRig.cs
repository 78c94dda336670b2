using HotSpots.Application.Areas;
using HotSpots.Application.Evaluation;
using HotSpots.Application.Ingest;
using HotSpots.Application.Monitoring;
using HotSpots.Domain.Evaluation;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Tests.Areas;

/// <summary>
/// The host's geography parts on a real SQLite file: catalog, monitors, tailer and watcher, with a gate on the log that
/// can hold the re-assignment's first read (to show that ingest and live counting go on meanwhile).
/// </summary>
internal sealed class GeographyRig : IAsyncDisposable
{
    private readonly TempDirectory _dir;

    private readonly SiloRig _silos;

    private GeographyRig(TempDirectory dir, FakeTimeProvider time, SqliteIncidentStore store, GeographyOptions options, SiloRig silos)
    {
        _dir = dir;
        _silos = silos;
        Time = time;
        Store = store;
        Log = new GatedStore(store);
        Operations = new SqliteOperationStore(store);
        Catalog = new GeographyCatalog(Operations, Options.Create(options));
        Monitors = new MonitorDirectory(silos.Grains);
        Tailer = new IncidentLogTailer(Log, Monitors, new IncidentLogSignal(), new SqliteGrainStateStore(store), Options.Create(new MonitoringOptions { PageSize = 7 }), time);
        Watcher = new GeographyWatcher(Catalog, Operations, Tailer, Monitors, Options.Create(new MonitoringOptions()), time);
        History = new WardSetHistory(Catalog, store, Monitors, Options.Create(new MonitoringOptions { PageSize = 7 }));
        Evaluations = new EvaluationService(Monitors, Operations, time);
    }

    public FakeTimeProvider Time { get; }

    public SqliteIncidentStore Store { get; }

    public GatedStore Log { get; }

    public SqliteOperationStore Operations { get; }

    public GeographyCatalog Catalog { get; }

    public MonitorDirectory Monitors { get; }

    public IncidentLogTailer Tailer { get; }

    public GeographyWatcher Watcher { get; }

    public WardSetHistory History { get; }

    public EvaluationService Evaluations { get; }

    public static async Task<GeographyRig> StartAsync(DateTimeOffset now, GeographyOptions? options = null)
    {
        var dir = new TempDirectory();
        var time = new FakeTimeProvider(now);
        var store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = dir.File("rig.db") }, time);
        var silos = await SiloRig.StartAsync(new SqliteGrainStateStore(store), time);
        var rig = new GeographyRig(dir, time, store, options ?? new GeographyOptions(), silos);
        await rig.Watcher.LoadAsync();
        return rig;
    }

    private int _next;

    /// <summary>Appends incidents at points and counts them (the tailer catches up).</summary>
    public async Task RecordAsync(OccurredAt at, params (double Lat, double Lon)[] points)
    {
        await Store.AppendAsync([.. points.Select(p => new Incident("essex-police", $"i{++_next}", Category.AntiSocialBehaviour, at, p.Lat, p.Lon, null))]);
        await Tailer.CatchUpAsync();
    }

    public async Task<int> CountAsync(AreaSetKind set, string code, DayRange range) =>
        (await Monitors.Get(new AreaKey(set, code)).CountAsync(CategoryGroup.All, [range]))[0].Count;

    public async ValueTask DisposeAsync()
    {
        await _silos.DisposeAsync();
        await Store.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>The log, with a gate that can hold a read from the start of the log (a re-assignment's fill) until opened.</summary>
    internal sealed class GatedStore(IIncidentStore inner) : DelegatingStore(inner)
    {
        private TaskCompletionSource? _gate;

        public TaskCompletionSource Entered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Close()
        {
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void Open() => _gate?.TrySetResult();

        public override async Task<IReadOnlyList<LoggedIncident>> ReadAfterAsync(long afterSequence, int max, CancellationToken cancellationToken = default)
        {
            if (afterSequence == 0 && _gate is { } gate)
            {
                Entered.TrySetResult();
                await gate.Task.WaitAsync(cancellationToken);
            }
            return await base.ReadAfterAsync(afterSequence, max, cancellationToken);
        }
    }
}
