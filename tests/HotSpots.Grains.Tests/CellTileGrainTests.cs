using HotSpots.Application.Areas;
using HotSpots.Application.Ingest;
using HotSpots.Application.Monitoring;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using Microsoft.Extensions.Options;

namespace HotSpots.Grains.Tests;

public sealed class CellTileGrainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 20, 30, 0, TimeSpan.Zero);
    private const double Latitude = 51.4757;
    private const double Longitude = 0.3217;
    private static readonly CellSumQuery Week = new(250, CategoryGroup.All, HeatWindow.Week, 0, Now);

    private static readonly string Tile = TileOf(Latitude, Longitude);

    private static string TileOf(double latitude, double longitude)
    {
        var (easting, northing) = BritishNationalGrid.FromWgs84(latitude, longitude);
        var (column, row) = CellTiles.TileAt(easting, northing);
        return CellTiles.GrainKey(column, row);
    }

    private static TileBatch Batch(long previous, long upTo, params long[] sequences)
    {
        var (easting, northing) = BritishNationalGrid.FromWgs84(Latitude, Longitude);
        return new TileBatch(Tile, previous, upTo,
            [.. sequences.Select(s => new CellIncident(s, Category.AntiSocialBehaviour, OccurredAt.Exact(Now.AddHours(-1)), easting, northing, "On or near Station Road"))]);
    }

    private static async Task<double> CountAsync(ICellTileGrain tile) => (await tile.GetSumsAsync(Week)).Values.Sum();

    [Fact]
    public async Task A_tile_counts_a_stretch_handed_over_ahead_once_the_readers_batch_over_it_included()
    {
        await using var rig = await GrainRig.StartAsync(Now);
        var tile = rig.Grains.GetGrain<ICellTileGrain>(Tile);

        await tile.ApplyAsync(Batch(3, 5, 4, 5) with { Handed = true });
        Assert.Equal(2, await CountAsync(tile));
        Assert.Equal(0, await tile.GetThroughAsync());

        await tile.ApplyAsync(Batch(0, 6, 1, 4, 5, 6));
        Assert.Equal(4, await CountAsync(tile));
        Assert.Equal(6, await tile.GetThroughAsync());
    }

    [Fact]
    public async Task A_tile_that_holds_less_than_its_previous_batch_says_so_and_applies_nothing()
    {
        await using var rig = await GrainRig.StartAsync(Now);
        var tile = rig.Grains.GetGrain<ICellTileGrain>(Tile);
        await tile.ApplyAsync(Batch(0, 2, 1, 2));

        var applied = await tile.ApplyAsync(Batch(4, 6, 5, 6));
        var checkpoint = await tile.CheckpointAsync(4, 6);

        Assert.Equal(new AreaApplied(2, Gap: true), applied);
        Assert.Equal(new AreaApplied(2, Gap: true), checkpoint);
        Assert.Equal(2, await CountAsync(tile));
        Assert.Equal(2, await tile.GetThroughAsync());
    }

    /// <summary>
    /// The tile is put back on the checkpoint it wrote at position 30 after it had written one at 60, as a silo that
    /// died before its last write would leave it. The reader's next batch finds the gap, sends the stretch from 30
    /// again and then the batch: every incident counts once, with its location.
    /// </summary>
    [Fact]
    public async Task A_tile_restarted_from_an_older_checkpoint_gets_the_stretch_of_the_log_again_and_ends_with_exact_counts()
    {
        await using var rig = await GrainRig.StartAsync(Now);
        var geography = GeographyModel.Load(new GeographyOptions());
        var monitors = LoadedMonitors(geography, rig.Grains);
        var signal = new IncidentLogSignal();
        var ingestor = new IncidentIngestor(rig.Store, new FixedGeography(geography), signal, rig.Time);
        var options = Options.Create(new MonitoringOptions { PageSize = 7 });
        var feed = new CellTileFeed(rig.Store, rig.Grains, rig.State, options);
        var tailer = new IncidentLogTailer(rig.Store, monitors, signal, rig.State, options, rig.Time, tiles: feed);
        await tailer.StartAsync();
        var next = 0;
        async Task StreamAsync(int count)
        {
            var items = Enumerable.Range(0, count).Select(_ => new IncidentSubmission(
                "essex-police", $"t{++next}", "anti-social-behaviour", Now.AddMinutes(-30).ToString("O"), Latitude, Longitude, null, null, $"On or near Street {next % 3}")).ToList();
            Assert.All(await ingestor.IngestAsync(items), r => Assert.Equal(IngestStatus.Accepted, r.Status));
            await tailer.ApplyPendingAsync();
        }
        var tile = rig.Grains.GetGrain<ICellTileGrain>(Tile);
        var stateKey = tile.GetGrainId().ToString();

        await StreamAsync(30);
        await tailer.CheckpointAsync();
        var older = await rig.State.ReadAsync("tile", stateKey);
        await StreamAsync(30);
        await tailer.CheckpointAsync();
        await rig.Silos.Cluster.DeactivateAsync(tile);
        var newer = await rig.State.ReadAsync("tile", stateKey);
        await rig.State.WriteAsync("tile", stateKey, older!.Payload, newer!.ETag);
        Assert.Equal(30, await tile.GetThroughAsync());

        await StreamAsync(15);

        Assert.Equal(75, await tile.GetThroughAsync());
        Assert.Equal(75, await CountAsync(tile));
        var (easting, northing) = BritishNationalGrid.FromWgs84(Latitude, Longitude);
        var cell = new Domain.Grid.CellSize(250).CellAt(easting, northing);
        var locations = await tile.GetLocationsAsync(new CellLocationQuery(Week, [cell.Column], [cell.Row]));
        Assert.Equal([25, 25, 25], locations.Counts);
        Assert.Equal(["On or near Street 0", "On or near Street 1", "On or near Street 2"], locations.Locations.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The same older checkpoint, put back while the service is down: no incident of the tile arrives after the restart,
    /// yet the reader's start finds the tile short of what it was sent and fills it before the grid reads it. A
    /// checkpoint from before tiles kept location descriptions comes back the same way, empty.
    /// </summary>
    [Fact]
    public async Task A_tile_short_of_what_it_was_sent_is_filled_when_the_reader_starts_without_waiting_for_an_incident()
    {
        await using var rig = await GrainRig.StartAsync(Now);
        var geography = GeographyModel.Load(new GeographyOptions());
        var signal = new IncidentLogSignal();
        var ingestor = new IncidentIngestor(rig.Store, new FixedGeography(geography), signal, rig.Time);
        var options = Options.Create(new MonitoringOptions { PageSize = 7 });
        IncidentLogTailer Reader() =>
            new(rig.Store, LoadedMonitors(geography, rig.Grains), signal, rig.State, options, rig.Time, tiles: new CellTileFeed(rig.Store, rig.Grains, rig.State, options));
        var tailer = Reader();
        await tailer.StartAsync();
        var next = 0;
        async Task StreamAsync(int count)
        {
            var items = Enumerable.Range(0, count).Select(_ => new IncidentSubmission(
                "essex-police", $"s{++next}", "anti-social-behaviour", Now.AddMinutes(-30).ToString("O"), Latitude, Longitude, null, null, null)).ToList();
            await ingestor.IngestAsync(items);
            await tailer.ApplyPendingAsync();
        }
        var tile = rig.Grains.GetGrain<ICellTileGrain>(Tile);
        var stateKey = tile.GetGrainId().ToString();
        await StreamAsync(20);
        await tailer.CheckpointAsync();
        var older = await rig.State.ReadAsync("tile", stateKey);
        await StreamAsync(20);
        await tailer.CheckpointAsync();
        await rig.Silos.Cluster.DeactivateAsync(tile);
        await rig.State.WriteAsync("tile", stateKey, older!.Payload, (await rig.State.ReadAsync("tile", stateKey))!.ETag);

        await Reader().StartAsync();

        Assert.Equal(40, await tile.GetThroughAsync());
        Assert.Equal(40, await CountAsync(tile));
    }

    private static MonitorDirectory LoadedMonitors(GeographyModel geography, IGrainFactory grains)
    {
        var monitors = new MonitorDirectory(grains);
        monitors.Load(geography);
        return monitors;
    }
}
