using System.Text.Json;
using HotSpots.Domain.Evaluation;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Tests.Areas;

public class GeographyChangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DayRange Everything = DayRange.Dates(new DateOnly(2020, 1, 1), new DateOnly(2026, 12, 31));

    /// <summary>Two new wards side by side over Grays: west of 0.32° E and east of it.</summary>
    private const string SplitWards = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"WD26CD":"W","WD26NM":"Grays West"},"geometry":{"type":"Polygon","coordinates":[[[0.30,51.47],[0.32,51.47],[0.32,51.49],[0.30,51.49],[0.30,51.47]]]}},
          {"type":"Feature","properties":{"WD26CD":"E","WD26NM":"Grays East"},"geometry":{"type":"Polygon","coordinates":[[[0.32,51.47],[0.34,51.47],[0.34,51.49],[0.32,51.49],[0.32,51.47]]]}}]}
        """;

    private static readonly (double, double)[] West = [(51.475, 0.305), (51.480, 0.310), (51.485, 0.315), (51.472, 0.319)];
    private static readonly (double, double)[] East = [(51.475, 0.325), (51.480, 0.330), (51.488, 0.339)];
    private static readonly (double, double)[] Elsewhere = [(51.500, 0.400), (51.510, 0.280)];

    [Fact]
    public async Task Making_a_new_ward_set_current_reassigns_every_stored_incident_by_its_coordinates_while_ingest_goes_on()
    {
        await using var rig = await GeographyRig.StartAsync(Now);
        var day = OccurredAt.Day(2026, 6, 1);
        await rig.RecordAsync(day, [.. West, .. East, .. Elsewhere]);
        var demo = rig.Monitors.Geography;
        var demoCounts = Tally(demo, [.. West, .. East, .. Elsewhere]);
        var demoWard = demo.Wards.Areas.First(a => demoCounts.ContainsKey(a.Code)).Code;

        using (var features = JsonDocument.Parse(SplitWards))
            Assert.Equal(2, await rig.Catalog.AddWardSetAsync("thurrock-2026", "Thurrock 2026", features.RootElement, Now));
        await rig.Operations.SetCurrentWardSetAsync("thurrock-2026");

        // Hold the re-assignment at its first read of the log; meanwhile two more incidents arrive and are counted.
        rig.Log.Close();
        var switching = rig.Watcher.RefreshAsync();
        await rig.Log.Entered.Task;
        var before = await rig.CountAsync(AreaSetKind.Wards, demoWard, Everything);
        await rig.RecordAsync(day, (51.476, 0.306), (51.476, 0.306));
        Assert.Equal("demo", rig.Monitors.Geography.WardSet.Id);
        Assert.Equal(before + (demo.Locate(51.476, 0.306).Ward?.Code == demoWard ? 2 : 0), await rig.CountAsync(AreaSetKind.Wards, demoWard, Everything));
        rig.Log.Open();
        await switching;

        Assert.Equal("thurrock-2026", rig.Monitors.Geography.WardSet.Id);
        Assert.Equal(["E", "W"], rig.Monitors.Geography.Wards.Areas.Select(a => a.Code));
        Assert.Equal(West.Length + 2, await rig.CountAsync(AreaSetKind.Wards, "W", Everything));
        Assert.Equal(East.Length, await rig.CountAsync(AreaSetKind.Wards, "E", Everything));
        Assert.Equal(await rig.Operations.GeographyRevisionAsync(), rig.Watcher.AppliedRevision);

        // The old set stays readable for past periods, with exactly its own placement of every incident.
        var old = (await rig.History.GetAsync("demo"))!;
        var expected = Tally(demo, [.. West, .. East, .. Elsewhere, (51.476, 0.306), (51.476, 0.306)]);
        foreach (var ward in demo.Wards.Areas)
        {
            var counted = (await old.Get(new AreaKey(AreaSetKind.Wards, ward.Code)).CountAsync(CategoryGroup.All, [Everything]))[0].Count;
            Assert.Equal(expected.GetValueOrDefault(ward.Code), counted);
        }
        Assert.Null(await rig.History.GetAsync("no-such-set"));
    }

    [Fact]
    public async Task Redrawing_a_zone_recounts_its_history_and_keeps_every_unchanged_monitor()
    {
        await using var rig = await GeographyRig.StartAsync(Now);
        var (e, n) = BritishNationalGrid.FromWgs84(51.50, 0.36);
        (double, double) Out(double metres) => BritishNationalGrid.ToWgs84(e + metres, n);
        await rig.Operations.AddZoneVersionAsync("test", "Test zone", ZoneShape.OfCircle(51.50, 0.36, 300).Json, "api", false);
        await rig.Watcher.RefreshAsync();
        await rig.RecordAsync(OccurredAt.Month(2026, 5), Out(0), Out(200), Out(450), Out(900));
        Assert.Equal(2, await rig.CountAsync(AreaSetKind.Zones, "test", Everything));
        var wardKey = new AreaKey(AreaSetKind.Wards, rig.Monitors.Geography.Locate(51.50, 0.36).Ward!.Code);
        var wardMonitor = rig.Monitors.Get(wardKey);
        var zoneMonitor = rig.Monitors.Get(new AreaKey(AreaSetKind.Zones, "test"));

        await rig.Operations.AddZoneVersionAsync("test", "Test zone", ZoneShape.OfCircle(51.50, 0.36, 500).Json, "api", false);
        await rig.Watcher.RefreshAsync();

        Assert.Equal(3, await rig.CountAsync(AreaSetKind.Zones, "test", Everything));
        // Grain keys carry the area's version: the unchanged ward keeps its grain, the redrawn zone gets a new one.
        Assert.Equal(wardMonitor.GetGrainId(), rig.Monitors.Get(wardKey).GetGrainId());
        Assert.NotEqual(zoneMonitor.GetGrainId(), rig.Monitors.Get(new AreaKey(AreaSetKind.Zones, "test")).GetGrainId());

        await rig.Operations.AddZoneVersionAsync("test", "Test zone", ZoneShape.OfCircle(51.50, 0.36, 500).Json, "api", true);
        await rig.Watcher.RefreshAsync();
        Assert.False(rig.Monitors.Geography.Zones.ByCode.ContainsKey("test"));
        Assert.Throws<KeyNotFoundException>(() => rig.Monitors.Get(new AreaKey(AreaSetKind.Zones, "test")));
    }

    [Fact]
    public async Task Configured_zones_are_seeded_once_versioned_when_changed_and_retired_when_removed()
    {
        await using var rig = await GeographyRig.StartAsync(Now);
        var seeded = await rig.Operations.ZoneVersionsAsync();
        Assert.Equal(DemoZoneCodes, seeded.Select(v => v.Code).Order());
        Assert.All(seeded, v => Assert.Equal("configuration", v.Origin));

        Assert.Empty(await rig.Catalog.SeedAsync());
        Assert.Equal(seeded.Count, (await rig.Operations.ZoneVersionsAsync()).Count);

        var changed = new GeographyOptions { Zones = { Circles = [new CircleZone("op-grip-grays", "Op Grip: Grays", 51.4760, 0.3220, 600)] } };
        await new HotSpots.Application.Areas.GeographyCatalog(rig.Operations, Options.Create(changed)).SeedAsync();
        var latest = await rig.Catalog.LatestZonesAsync();
        Assert.Equal(2, latest["op-grip-grays"].Version.Version);
        Assert.Equal(Math.PI * 0.36, MetricGeometry.SquareKilometres(latest["op-grip-grays"].Shape.Geometry), 2);
        Assert.True(latest["op-dial-lakeside"].Version.Retired);
    }

    private static readonly string[] DemoZoneCodes = ["op-dial-lakeside", "op-grip-grays", "op-minerva-corringham"];

    private static Dictionary<string, int> Tally(GeographyModel geography, IEnumerable<(double Lat, double Lon)> points) =>
        points.Select(p => geography.Locate(p.Lat, p.Lon).Ward?.Code).OfType<string>().GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
}
