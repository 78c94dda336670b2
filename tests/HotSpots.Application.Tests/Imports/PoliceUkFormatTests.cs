using System.Globalization;
using System.Text;
using HotSpots.Application.Imports;
using HotSpots.Application.Monitoring;
using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Store;
using HotSpots.Testing;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;

namespace HotSpots.Application.Tests.Imports;

public sealed class PoliceUkFormatTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 15, 30, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    // Line numbers in comments; the header deliberately varies case, spacing and underscores.
    private static readonly string[] FixtureLines =
    [
        "Crime_ID, MONTH ,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context", // 1
        "c1,2018-01,Essex Police,Essex Police,0.3217,51.4757,On or near Station Approach,E01015908,Thurrock 016A,Burglary,Under investigation,", // 2
        ",2018-01,Essex Police,Essex Police,0.3217,51.4757,On or near Station Approach,E01015908,Thurrock 016A,Anti-social behaviour,,", // 3
        ",2018-01,Essex Police,Essex Police,0.3217,51.4757,On or near Station Approach,E01015908,Thurrock 016A,Anti-social behaviour,,", // 4
        ",2018-01,Essex Police,Essex Police,0.3217,51.4757,On or near Station Approach,E01015908,Thurrock 016A,Anti-social behaviour,,", // 5
        ",2018-01,Essex Police,Essex Police,0.3300,51.4800,On or near High Street,E01015909,Thurrock 016B,Anti-social behaviour,,", // 6
        "c2,2018-01,Essex Police,Essex Police,,,No Location,,,Drugs,Under investigation,", // 7 unlocated
        "c3,2018-01,Essex Police,Essex Police,0.9000,51.9000,On or near Head Street,E01021999,Colchester 001A,Drugs,,", // 8 outside
        "c4,2018-13,Essex Police,Essex Police,0.3217,51.4757,On or near Station Approach,E01015908,Thurrock 016A,Drugs,,", // 9 bad month
        "c5,2018-01,Essex Police,Essex Police,0.3217,51.4757,On or near Station Approach,E01015908,Thurrock 016A,Littering,,", // 10 unmapped type
        "c6,2018-01,Essex Police", // 11 too few fields
        "c7,2018-01,Essex Police,Essex Police,0.3217,51.4757,\"On or near \"\"Quoted\"\", Road", // 12
        "with a newline\",E01015908,Thurrock 016A,Vehicle crime,,", // 13 (same record)
        "c8,2018-01,Essex Police,Essex Police,abc,51.4757,On or near Station Approach,E01015908,Thurrock 016A,Drugs,,", // 14 bad number
    ];

    private string Fixture()
    {
        var path = _dir.File("2018-01-fixture.csv");
        // UTF-8 with a byte order mark and CRLF line ends, as exported by spreadsheet tools.
        File.WriteAllText(path, string.Join("\r\n", FixtureLines) + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }

    private static Task<ImportReport> ImportAsync(Harness h, IReadOnlyList<string> files, ImportOptions? options = null, IIncidentStore? store = null) =>
        new IncidentImporter(new StoreSink(store ?? h.Store), new ImportContext(LabelMappings.Load(), h.Geography.Wards.Index))
            .ImportAsync(new PoliceUkFormat(), files, options);

    [Fact]
    public async Task A_file_with_every_kind_of_problem_imports_the_valid_rows_and_reports_the_rest_by_line()
    {
        await using var h = await Harness.StartAsync(Now);

        var report = await ImportAsync(h, [Fixture()]);

        Assert.Equal(12, report.Rows);
        Assert.Equal(6, report.Imported);
        Assert.Equal(0, report.Duplicates);
        Assert.Equal(1, report.Unlocated);
        Assert.Equal(1, report.OutsideArea);
        Assert.Equal([9L, 11L, 14L], report.Malformed.Select(m => m.Line));
        Assert.Contains("2018-13", report.Malformed[0].Reason);
        Assert.Contains("fields", report.Malformed[1].Reason);
        Assert.Contains("not numbers", report.Malformed[2].Reason);
        var unmapped = Assert.Single(report.UnmappedLabels);
        Assert.Equal(("Crime type", "Littering", 1L, 10L), (unmapped.Column, unmapped.Label, unmapped.Rows, unmapped.FirstLine));
        Assert.All(report.Malformed, m => Assert.Equal("2018-01-fixture.csv", m.File));
    }

    [Fact]
    public async Task Identical_ASB_rows_are_separate_incidents_and_a_second_import_adds_nothing()
    {
        await using var h = await Harness.StartAsync(Now);
        var file = Fixture();

        await ImportAsync(h, [file]);
        var again = await ImportAsync(h, [file]);

        Assert.Equal(0, again.Imported);
        Assert.Equal(6, again.Duplicates);
        Assert.Equal(6, await h.Store.CountAsync());
        await h.Tailer.CatchUpAsync();
        var january = await h.Heat.GetAsync(new HeatSelection(AreaSetKind.Wards, CategoryGroup.Asb, HeatWindow.Month, OccurredAt.Month(2018, 1).MonthIndex));
        Assert.Equal(4, january.Areas.Sum(a => a.Observed));
    }

    [Fact]
    public async Task A_file_without_the_required_columns_is_reported_on_line_one()
    {
        await using var h = await Harness.StartAsync(Now);
        var path = _dir.File("wrong.csv");
        await File.WriteAllTextAsync(path, "Month,Longitude,Latitude\n2018-01,0.3,51.4\n");

        var report = await ImportAsync(h, [path]);

        var problem = Assert.Single(report.Malformed);
        Assert.Equal(1, problem.Line);
        Assert.Contains("Crime ID", problem.Reason);
        Assert.Equal(0, report.Imported);
    }

    [Fact]
    public async Task A_UTF_16_file_is_reported_on_line_one_rather_than_read_as_garbage()
    {
        await using var h = await Harness.StartAsync(Now);
        var path = _dir.File("utf16.csv");
        await File.WriteAllTextAsync(path, string.Join("\r\n", FixtureLines[..3]), Encoding.Unicode);

        var report = await ImportAsync(h, [path]);

        var problem = Assert.Single(report.Malformed);
        Assert.Equal(1, problem.Line);
        Assert.Contains("UTF-16", problem.Reason);
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF_8_are_stored_as_replacement_characters_and_the_row_is_kept()
    {
        await using var h = await Harness.StartAsync(Now);
        var path = _dir.File("latin1.csv");
        byte[] row = [.. Encoding.ASCII.GetBytes("c9,2018-01,Essex Police,Essex Police,0.3217,51.4757,On or near Caf"), 0xE9,
            .. Encoding.ASCII.GetBytes(" Road,E01015908,Thurrock 016A,Drugs,,\n")];
        await File.WriteAllBytesAsync(path, [.. Encoding.ASCII.GetBytes(FixtureLines[0] + "\n"), .. row]);

        var report = await ImportAsync(h, [path]);

        Assert.Equal(1, report.Imported);
        Assert.Equal("On or near Caf\uFFFD Road", await StoredLocationTextAsync(h));
    }

    [Fact]
    public async Task Direction_overrides_are_dropped_and_line_separators_become_spaces_in_imported_location_text()
    {
        await using var h = await Harness.StartAsync(Now);
        var path = _dir.File("bidi.csv");
        await File.WriteAllLinesAsync(path,
        [
            FixtureLines[0],
            "c10,2018-01,Essex Police,Essex Police,0.3217,51.4757,On or near \u202EdaoR\u202C Station\u2028Approach\u2029,E01015908,Thurrock 016A,Drugs,,",
        ]);

        var report = await ImportAsync(h, [path]);

        Assert.Equal(1, report.Imported);
        Assert.Equal("On or near daoR Station Approach", await StoredLocationTextAsync(h));
    }

    /// <summary>The one incident's location text as the file holds it, read past the store.</summary>
    private static async Task<object?> StoredLocationTextAsync(Harness h)
    {
        await using var connection = new SqliteConnection($"Data Source={h.StorePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT location_text FROM incidents";
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task The_real_January_2018_file_imports_every_Thurrock_row_an_independent_count_finds()
    {
        var geography = new GeographyOptions { Wards = { Files = [SharedData.ThurrockWards] } };
        await using var h = await Harness.StartAsync(Now, geography);
        var file = SharedData.PoliceUk("2018-01");

        var report = await ImportAsync(h, [file]);
        await h.Tailer.CatchUpAsync();

        var (inThurrock, asbInThurrock, withoutCoordinates) = IndependentCount(file, h.Geography.Wards.Areas);
        Assert.Equal(inThurrock, report.Imported);
        Assert.Equal(withoutCoordinates, report.Unlocated);
        Assert.Equal(0, report.MalformedCount);
        var month = OccurredAt.Month(2018, 1).MonthIndex;
        var asb = await h.Heat.GetAsync(new HeatSelection(AreaSetKind.Wards, CategoryGroup.Asb, HeatWindow.Month, month));
        var all = await h.Heat.GetAsync(new HeatSelection(AreaSetKind.Wards, CategoryGroup.All, HeatWindow.Month, month));
        Assert.Equal(asbInThurrock, asb.Areas.Sum(a => a.Observed));
        Assert.Equal(inThurrock, all.Areas.Sum(a => a.Observed));
    }

    [Fact]
    public async Task A_store_failure_part_way_stops_the_import_with_that_failure_instead_of_hanging()
    {
        await using var h = await Harness.StartAsync(Now);
        var store = new FailingStore(h.Store, failOnBatch: 2);

        var ex = await Assert.ThrowsAsync<IOException>(() =>
            ImportAsync(h, [Fixture(), Fixture(), Fixture()], new ImportOptions { BatchSize = 1 }, store).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("disk full", ex.Message);
        // One append may already be under way beside the failing one; it finishes before the import reports, and
        // nothing after the failure is started.
        Assert.InRange(store.Calls, 2, 3);
        Assert.Equal(store.Calls - 1, await h.Store.CountAsync());
    }

    private sealed class FailingStore(IIncidentStore inner, int failOnBatch) : DelegatingStore(inner)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override Task<AppendResult> AppendAsync(IncidentBatch incidents, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) == failOnBatch ? throw new IOException("disk full") : base.AppendAsync(incidents, cancellationToken);
    }

    /// <summary>Counts straight from the text with a plain split and a polygon-by-polygon test.</summary>
    private static (int InThurrock, int Asb, int WithoutCoordinates) IndependentCount(string file, IReadOnlyList<Area> wards)
    {
        var factory = new GeometryFactory();
        int inside = 0, asb = 0, without = 0;
        foreach (var fields in File.ReadLines(file).Skip(1).Select(l => l.Split(',')))
        {
            if (fields[4].Length == 0)
            {
                without++;
                continue;
            }
            var point = factory.CreatePoint(new Coordinate(double.Parse(fields[4], CultureInfo.InvariantCulture), double.Parse(fields[5], CultureInfo.InvariantCulture)));
            if (!wards.Any(w => w.Geometry.Covers(point))) continue;
            inside++;
            if (fields[^3] == "Anti-social behaviour") asb++;
        }
        return (inside, asb, without);
    }

    public void Dispose() => _dir.Dispose();
}
