using HotSpots.Application.Ingest;
using HotSpots.Application.Monitoring;
using HotSpots.Geography;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Application.Tests;

/// <summary>The real parts wired as the host wires them: a SQLite file, the demo geography, monitors and a tailer.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private readonly TempDirectory _dir;

    private Harness(TempDirectory dir, FakeTimeProvider time, GeographyModel geography, SqliteIncidentStore store)
    {
        _dir = dir;
        Time = time;
        Geography = geography;
        Store = store;
        Signal = new IncidentLogSignal();
        Monitors = new MonitorDirectory(geography, time);
        Ingestor = new IncidentIngestor(store, () => Monitors.Geography, Signal, time);
        Tailer = new IncidentLogTailer(store, Monitors, Signal, new MonitoringOptions { PageSize = 7 }, time);
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

    public string StorePath => Store.Path;

    public static async Task<Harness> StartAsync(DateTimeOffset now, GeographyOptions? geography = null, string? storePath = null)
    {
        var time = new FakeTimeProvider(now);
        var dir = new TempDirectory();
        var store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = storePath ?? dir.File("h.db") }, time);
        return new Harness(dir, time, GeographyModel.Load(geography ?? new GeographyOptions()), store);
    }

    public static IncidentSubmission At(string id, string category, DateTimeOffset when, double lat = 51.4757, double lon = 0.3217) =>
        new("essex-police", id, category, when.ToString("O"), lat, lon, null, null, null);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _dir.Dispose();
    }
}
