using HotSpots.Application.Ingest;
using HotSpots.Application.Monitoring;
using HotSpots.Geography;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Tests;

/// <summary>The real parts wired as the host wires them: a SQLite file, the demo geography, a silo with the area grains and the log reader.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private readonly TempDirectory _dir;

    private readonly SiloRig _silos;

    private Harness(TempDirectory dir, FakeTimeProvider time, GeographyModel geography, SqliteIncidentStore store, SiloRig silos)
    {
        _dir = dir;
        _silos = silos;
        Time = time;
        Geography = geography;
        Store = store;
        Signal = new IncidentLogSignal();
        Monitors = new MonitorDirectory(silos.Grains);
        Monitors.Load(geography);
        Ingestor = new IncidentIngestor(store, Monitors, Signal, time);
        Tailer = new IncidentLogTailer(store, Monitors, Signal, new SqliteGrainStateStore(store), Options.Create(new MonitoringOptions { PageSize = 7 }), time);
        Heat = new HeatService(Monitors, time);
    }

    public FakeTimeProvider Time { get; }

    public GeographyModel Geography { get; }

    public SqliteIncidentStore Store { get; }

    public IncidentLogSignal Signal { get; }

    public IncidentIngestor Ingestor { get; }

    public MonitorDirectory Monitors { get; }

    public IncidentLogTailer Tailer { get; }

    public HeatService Heat { get; }

    public IGrainFactory Grains => _silos.Grains;

    public string StorePath => Store.Path;

    public static async Task<Harness> StartAsync(DateTimeOffset now, GeographyOptions? geography = null, string? storePath = null)
    {
        var time = new FakeTimeProvider(now);
        var dir = new TempDirectory();
        var store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = storePath ?? dir.File("h.db") }, time);
        var silos = await SiloRig.StartAsync(new SqliteGrainStateStore(store), time);
        return new Harness(dir, time, GeographyModel.Load(geography ?? new GeographyOptions()), store, silos);
    }

    public static IncidentSubmission At(string id, string category, DateTimeOffset when, double lat = 51.4757, double lon = 0.3217) =>
        new("essex-police", id, category, when.ToString("O"), lat, lon, null, null, null);

    public async ValueTask DisposeAsync()
    {
        await _silos.DisposeAsync();
        await Store.DisposeAsync();
        _dir.Dispose();
    }
}
