using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Grains.Tests;

/// <summary>Silos on a real SQLite file (grain state beside the incidents), with a clock the test moves.</summary>
internal sealed class GrainRig : IAsyncDisposable
{
    private readonly TempDirectory _dir;

    private GrainRig(TempDirectory dir, SqliteIncidentStore store, SiloRig silos, FakeTimeProvider time)
    {
        (_dir, Store, Silos, Time) = (dir, store, silos, time);
        State = new SqliteGrainStateStore(store);
    }

    public SqliteIncidentStore Store { get; }

    public SqliteGrainStateStore State { get; }

    public SiloRig Silos { get; }

    public FakeTimeProvider Time { get; }

    public IGrainFactory Grains => Silos.Grains;

    public static async Task<GrainRig> StartAsync(DateTimeOffset now, short silos = 1, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dir = new TempDirectory();
        var time = new FakeTimeProvider(now);
        var store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = dir.File("grains.db") }, time);
        var rig = await SiloRig.StartAsync(new SqliteGrainStateStore(store), time, silos, settings);
        return new GrainRig(dir, store, rig, time);
    }

    /// <summary>Incidents numbered from <paramref name="first"/> on, as the log would number them.</summary>
    public static CountedIncident[] Numbered(long first, params CountedIncident[] incidents) =>
        [.. incidents.Select((incident, i) => incident with { Sequence = first + i })];

    public async ValueTask DisposeAsync()
    {
        await Silos.DisposeAsync();
        await Store.DisposeAsync();
        _dir.Dispose();
    }
}
