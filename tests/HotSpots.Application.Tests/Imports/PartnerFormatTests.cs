using HotSpots.Application.Imports;
using HotSpots.Application.Monitoring;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Testing;
using Microsoft.Data.Sqlite;

namespace HotSpots.Application.Tests.Imports;

/// <summary>The shipped fire and council samples, whose every row is of a known kind (samples/README.md).</summary>
public sealed class PartnerFormatTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 15, 30, 0, TimeSpan.Zero);

    private static Task<ImportReport> ImportAsync(Harness h, ImportFormat format, string file, LabelMappings? mappings = null) =>
        new IncidentImporter(new StoreSink(h.Store), new ImportContext(mappings ?? LabelMappings.Load(), h.Geography.Wards.Index)
        {
            Source = format.DefaultSource,
            Now = Now,
        }).ImportAsync(format, [file]);

    [Fact]
    public async Task The_fire_sample_imports_deliberate_fires_and_reports_every_other_row_by_kind_and_line()
    {
        await using var h = await Harness.StartAsync(Now);

        var report = await ImportAsync(h, new FireFormat(), RepoPaths.Sample("fire-incidents.csv"));

        Assert.Equal(
            (22L, 8L, 1L, 2L, 2L, 2L, 1L, 1L, 5L),
            (report.Rows, report.Imported, report.Duplicates, report.NotDeliberate, report.Ignored, report.Unmapped, report.Unlocated,
                report.OutsideArea, report.MalformedCount));
        Assert.Equal([13L, 14L, 15L, 16L, 21L], report.Malformed.Select(m => m.Line));
        Assert.Collection(report.Malformed,
            m => Assert.Contains("time of call '31/06/2026 19:00'", m.Reason),
            m => Assert.Equal("easting is given without northing", m.Reason),
            m => Assert.Equal("incident number is empty", m.Reason),
            m => Assert.Contains("not numbers", m.Reason),
            m => Assert.Equal("expected 12 fields, found 6", m.Reason));
        Assert.Equal(
            [("Motive", "Suspicious", 10L), ("StopCodeDescription", "Rubbish Fire", 9L)],
            report.UnmappedLabels.Select(u => (u.Column, u.Label, u.FirstLine)).OrderBy(u => u.Column));
    }

    [Fact]
    public async Task Fire_times_are_UK_local_and_grid_references_land_where_they_should()
    {
        await using var h = await Harness.StartAsync(Now);
        await ImportAsync(h, new FireFormat(), RepoPaths.Sample("fire-incidents.csv"));

        var rows = await ReadAsync(h, "SELECT source_id, occurred_at, precision, latitude, longitude, location_text, category FROM incidents");

        // 19:42 British Summer Time is 18:42 UTC.
        var first = rows["EF-2026-000101"];
        Assert.Equal(new DateTimeOffset(2026, 6, 5, 18, 42, 10, TimeSpan.Zero), first.At);
        Assert.Equal((int)TimePrecision.Exact, first.Precision);
        Assert.Equal("Tilbury St Chads", h.Geography.Locate(first.Latitude, first.Longitude).Ward!.Name);
        Assert.Equal("deliberate-secondary-fire", first.Category);
        // 01:30 on the morning the clocks go forward never happened; it is read as 02:30 BST, 01:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), rows["EF-2026-000118"].At);
        // An explicit offset wins over the zone.
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 20, 15, 0, TimeSpan.Zero), rows["EF-2026-000119"].At);
        // Quoted commas and doubled quotes survive; a line break inside a field becomes a space.
        Assert.Equal("Dock Road, by the \"bins\" near Civic Square", rows["EF-2026-000115"].Location);
        // With both a grid reference and WGS84, the grid reference is used: within a few metres of the WGS84 pair.
        var both = rows["EF-2026-000116"];
        Assert.Equal(51.4846, both.Latitude, 0.0005);
        Assert.Equal(0.3124, both.Longitude, 0.0005);
        Assert.Equal("deliberate-primary-fire", rows["EF-2026-000103"].Category);
    }

    [Fact]
    public async Task The_council_sample_maps_ASB_types_and_keeps_the_day_only()
    {
        await using var h = await Harness.StartAsync(Now);

        var report = await ImportAsync(h, new CouncilFormat(), RepoPaths.Sample("council-asb-cases.csv"));

        Assert.Equal(
            (16L, 8L, 1L, 0L, 1L, 2L, 1L, 1L, 2L),
            (report.Rows, report.Imported, report.Duplicates, report.NotDeliberate, report.Ignored, report.Unmapped, report.Unlocated,
                report.OutsideArea, report.MalformedCount));
        Assert.Equal([11L, 12L], report.Malformed.Select(m => m.Line));
        var unmapped = Assert.Single(report.UnmappedLabels);
        Assert.Equal(("AsbType", "Dog fouling", 2L, 8L), (unmapped.Column, unmapped.Label, unmapped.Rows, unmapped.FirstLine));

        var rows = await ReadAsync(h, "SELECT source_id, occurred_at, precision, latitude, longitude, location_text, category FROM incidents");
        Assert.Equal(
            ["anti-social-behaviour", "anti-social-behaviour", "fly-tipping", "neighbour-nuisance", "neighbour-nuisance", "off-road-vehicle-nuisance",
                "youth-nuisance", "youth-nuisance"],
            rows.Values.Select(r => r.Category).Order());
        Assert.All(rows.Values, r => Assert.Equal((int)TimePrecision.Day, r.Precision));
        Assert.Equal(new DateTimeOffset(2026, 10, 9, 0, 0, 0, TimeSpan.Zero), rows["TC/ASB/2026/0424"].At);
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 0, 0, 0, TimeSpan.Zero), rows["TC/ASB/2026/0423"].At);
        Assert.Null(rows["TC/ASB/2026/0425"].Location);
    }

    [Fact]
    public async Task Dated_council_cases_count_in_the_7_day_window_once_their_whole_day_is_inside_it()
    {
        await using var h = await Harness.StartAsync(new DateTimeOffset(2026, 10, 12, 9, 30, 0, TimeSpan.Zero));
        await ImportAsync(h, new CouncilFormat(), RepoPaths.Sample("council-asb-cases.csv"));
        await h.Tailer.CatchUpAsync();

        var week = await h.Heat.GetAsync(new HeatSelection(AreaSetKind.Wards, CategoryGroup.All, HeatWindow.Week, 0));
        var day = await h.Heat.GetAsync(new HeatSelection(AreaSetKind.Wards, CategoryGroup.All, HeatWindow.Day, 0));

        // The 7 d window runs from 10:00 on 5 October: the cases of 6 to 10 October are whole days inside it (3 imported).
        Assert.Equal(3, week.Areas.Sum(a => a.Observed));
        Assert.Equal(0, day.Areas.Sum(a => a.Observed));
    }

    [Fact]
    public async Task Importing_a_sample_again_adds_nothing()
    {
        await using var h = await Harness.StartAsync(Now);
        await ImportAsync(h, new FireFormat(), RepoPaths.Sample("fire-incidents.csv"));
        await ImportAsync(h, new CouncilFormat(), RepoPaths.Sample("council-asb-cases.csv"));

        var fire = await ImportAsync(h, new FireFormat(), RepoPaths.Sample("fire-incidents.csv"));
        var council = await ImportAsync(h, new CouncilFormat(), RepoPaths.Sample("council-asb-cases.csv"));

        Assert.Equal((0L, 9L, 0L, 9L), (fire.Imported, fire.Duplicates, council.Imported, council.Duplicates));
        Assert.Equal(16, await h.Store.CountAsync());
    }

    [Fact]
    public async Task An_analyst_can_map_a_label_in_an_overlay_file_and_the_row_is_then_imported()
    {
        await using var h = await Harness.StartAsync(Now);
        using var dir = new TempDirectory();
        var overlay = dir.File("local.json");
        await File.WriteAllTextAsync(overlay, """{ "Council": { "AsbTypes": { "dog  FOULING": "anti-social-behaviour", "Graffiti": "" } } }""");

        var report = await ImportAsync(h, new CouncilFormat(), RepoPaths.Sample("council-asb-cases.csv"), LabelMappings.Load(overlay));

        // Both dog fouling rows now import; Graffiti lost its mapping, but its row has no location, which is checked after.
        Assert.Equal(10, report.Imported);
        Assert.Equal("Graffiti", Assert.Single(report.UnmappedLabels).Label);
    }

    [Fact]
    public async Task A_fire_file_without_a_location_column_is_refused_on_line_one()
    {
        await using var h = await Harness.StartAsync(Now);
        using var dir = new TempDirectory();
        var file = dir.File("fire.csv");
        await File.WriteAllTextAsync(file, "IncidentNumber,DateOfCall,StopCodeDescription,Motive\nx,2026-01-01,Primary Fire,Deliberate\n");

        var report = await ImportAsync(h, new FireFormat(), file);

        var problem = Assert.Single(report.Malformed);
        Assert.Equal(1, problem.Line);
        Assert.Contains("TimeOfCall", problem.Reason);
    }

    private sealed record Row(DateTimeOffset At, int Precision, double Latitude, double Longitude, string? Location, string Category);

    private static async Task<Dictionary<string, Row>> ReadAsync(Harness h, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={h.StorePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, Row>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = new Row(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt32(2), reader.GetDouble(3),
                reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6));
        }
        return rows;
    }
}
