using System.Text;
using HotSpots.Application.Patrols;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Application.Tests.Patrols;

public sealed class PatrolImportTests : IAsyncLifetime
{
    private static readonly IReadOnlySet<string> Zones = new HashSet<string> { "op-grip-grays", "op-dial-lakeside" };
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
    private SqliteIncidentStore _store = null!;
    private SqliteOperationStore _operations = null!;
    private PatrolInput _input = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = _dir.File("p.db") }, _time);
        _operations = new SqliteOperationStore(_store);
        _input = new PatrolInput(_operations, _time);
    }

    private Task<PatrolImportReport> ImportAsync(string csv) =>
        _input.ImportCsvAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "log.csv", Zones);

    [Fact]
    public async Task A_messy_patrol_log_keeps_every_good_row_and_names_each_bad_one_by_line()
    {
        var csv = "\uFEFFOfficers,Zone,Start,End,Method,Notes\r\n" +
                  "2,op-grip-grays,2026-06-01T18:00:00Z,2026-06-01T18:30:00Z,\"GPS, summary\",fine\r\n" +
                  "\r\n" +
                  "1,op-dial-lakeside,2026-06-02T19:00:00+01:00,2026-06-02T19:20:00+01:00,,\r\n" +
                  "2,op-nowhere,2026-06-01T18:00:00Z,2026-06-01T18:30:00Z,,\r\n" +
                  "2,op-grip-grays,2026-06-01T18:30:00Z,2026-06-01T18:00:00Z,,\r\n" +
                  "2,op-grip-grays,2026-06-01 18:00,2026-06-01T18:30:00Z,,\r\n" +
                  "0,op-grip-grays,2026-06-03T18:00:00Z,2026-06-03T18:30:00Z,,\r\n" +
                  "2,op-grip-grays,2026-06-20T18:00:00Z,2026-06-20T18:30:00Z,,\r\n" +
                  "2,op-grip-grays,2026-06-04T18:00:00Z,2026-06-06T18:00:00Z,,\r\n" +
                  "3,op-grip-grays,2026-06-05T20:00:00Z,2026-06-05T20:45:00Z,foot,\r\n";

        var report = await ImportAsync(csv);

        Assert.Equal(9, report.Rows);
        Assert.Equal(3, report.Imported);
        Assert.Equal(6, report.MalformedCount);
        Assert.Equal([5L, 6, 7, 8, 9, 10], report.Malformed.Select(m => m.Line));
        Assert.Contains("zone 'op-nowhere' is not a zone", report.Malformed[0].Reason);
        Assert.Contains("is not after start", report.Malformed[1].Reason);
        Assert.Contains("no UTC offset", report.Malformed[2].Reason);
        Assert.Contains("officers '0'", report.Malformed[3].Reason);
        Assert.Contains("in the future", report.Malformed[4].Reason);
        Assert.Contains("at most 24 hours", report.Malformed[5].Reason);
        var stored = await _operations.PatrolsAsync(null, DateTimeOffset.MinValue.AddYears(2000), _time.GetUtcNow());
        Assert.Equal(["GPS, summary", null, "foot"], stored.Select(v => v.Method));
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 18, 0, 0, TimeSpan.Zero), stored[1].Start);

        var again = await ImportAsync(csv);
        Assert.Equal((0L, 3L), (again.Imported, again.Duplicates));
        Assert.Equal(3, (await _operations.PatrolsAsync(null, DateTimeOffset.MinValue.AddYears(2000), _time.GetUtcNow())).Count);
    }

    [Fact]
    public async Task A_header_without_the_needed_columns_is_refused_before_any_row_is_read()
    {
        var error = await Assert.ThrowsAsync<PatrolImportException>(() => ImportAsync("zone,when,officers\nop-grip-grays,2026-06-01T18:00:00Z,2\n"));

        Assert.StartsWith("line 1: the header lacks start, end", error.Message);
        await Assert.ThrowsAsync<PatrolImportException>(() => ImportAsync(""));
    }

    [Fact]
    public async Task Source_ids_make_a_visit_its_own_even_at_the_same_times()
    {
        var report = await ImportAsync(
            "zone,start,end,officers,source,id\n" +
            "op-grip-grays,2026-06-01T18:00:00Z,2026-06-01T18:30:00Z,2,gps,v1\n" +
            "op-grip-grays,2026-06-01T18:00:00Z,2026-06-01T18:30:00Z,2,gps,v2\n" +
            "op-grip-grays,2026-06-01T18:00:00Z,2026-06-01T18:30:00Z,2,gps,v1\n");

        Assert.Equal((2L, 1L, 0L), (report.Imported, report.Duplicates, report.MalformedCount));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }
}
