using System.Text;
using HotSpots.Application.Areas;
using HotSpots.Application.Reports;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Tests.Reports;

/// <summary>The summary's rules on a few incidents in the demo wards (all Thurrock), in a real SQLite store.</summary>
public sealed class PerformanceSummaryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ReportOptions _options = new();
    private SqliteIncidentStore _store = null!;
    private GeographyCatalog _catalog = null!;
    private AreaSet _wards = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = _dir.File("h.db") }, _time);
        _catalog = new GeographyCatalog(new SqliteOperationStore(_store), Options.Create(new GeographyOptions()));
        _wards = (await _catalog.CurrentWardSetAsync()).Wards;
    }

    private LocalityService Localities => new(new SqliteLocalityStore(_store), _catalog);

    private PerformanceSummaryService Service => new(_store, Localities, _catalog, Options.Create(new GeographyOptions()), Options.Create(_options), _time);

    private Task<PerformanceSummary> SummariseAsync(string? to = null, string? months = null, string? level = null, string? locality = null, string? from = null) =>
        Service.SummariseAsync(PerformanceQuery.Parse(to, months, level, locality, from));

    private Incident In(string wardName, string id, OccurredAt when, Category category = Category.AntiSocialBehaviour, IncidentOrigin origin = IncidentOrigin.Recorded)
    {
        var point = _wards.Areas.Single(w => w.Name == wardName).Geometry.InteriorPoint;
        return new Incident("essex-police", id, category, when, point.Y, point.X, null, origin);
    }

    [Fact]
    public async Task Month_only_rows_count_in_their_month_and_drills_never_count()
    {
        // months=2 to 2026-04: January and February against March and April.
        await _store.AppendAsync([
            In("Grays Riverside", "jan-month", OccurredAt.Month(2026, 1)),
            In("Grays Riverside", "feb-day", OccurredAt.Day(2026, 2, 28)),
            In("Grays Riverside", "apr-month", OccurredAt.Month(2026, 4)),
            In("Grays Riverside", "mar-exact", OccurredAt.Exact(new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero))),
            In("Grays Riverside", "apr-drill", OccurredAt.Month(2026, 4), origin: IncidentOrigin.Drill),
            In("Tilbury St Chads", "apr-fire", OccurredAt.Day(2026, 4, 2), Category.DeliberateSecondaryFire),
            In("Tilbury St Chads", "apr-fire-drill", OccurredAt.Day(2026, 4, 2), Category.DeliberateSecondaryFire, IncidentOrigin.Drill),
            In("Tilbury St Chads", "may-month", OccurredAt.Month(2026, 5)),
        ]);

        var summary = await SummariseAsync(to: "2026-04", months: "2", level: "ward");

        var grays = summary.Rows.Single(r => r.AreaName == "Grays Riverside" && r.Category == "anti-social-behaviour");
        Assert.Equal((2L, 2L, 0L, 0.0), (grays.Previous, grays.Current, grays.Difference, grays.DifferencePct));
        var fire = summary.Rows.Single(r => r.AreaName == "Tilbury St Chads" && r.Category == "deliberate-fires");
        Assert.Equal((0L, 1L, (double?)null, "group"), (fire.Previous, fire.Current, fire.DifferencePct, fire.Kind));
        Assert.Equal((1, 20, 100.0), (fire.Rank, fire.RankOf, fire.SharePct));
        var quiet = summary.Rows.Single(r => r.AreaName == "Orsett" && r.Category == "all");
        Assert.Equal((0L, 0L, (double?)null, 3, (double?)0.0), (quiet.Previous, quiet.Current, quiet.DifferencePct, quiet.Rank, quiet.SharePct));
        Assert.Equal(["all", "asb", "deliberate-fires", "anti-social-behaviour", "deliberate-secondary-fire"],
            summary.Rows.Where(r => r.AreaName == "Orsett").Select(r => r.Category));
    }

    [Fact]
    public async Task By_default_the_current_period_is_the_twelve_months_to_the_last_complete_month()
    {
        var summary = await SummariseAsync();

        Assert.Equal(new PerformancePeriod("2024-12", "2025-11", 12), summary.Previous);
        Assert.Equal(new PerformancePeriod("2025-12", "2026-11", 12), summary.Current);
        Assert.Equal("authority", summary.Level);
        var thurrock = Assert.Single(summary.Rows);
        Assert.Equal(("E06000034", "Thurrock", "all", 0L), (thurrock.AreaCode, thurrock.AreaName, thurrock.Category, thurrock.Current));
        Assert.False(summary.HasData);
        Assert.Contains(summary.Notes, n => n.StartsWith("No recorded incidents in either period"));
    }

    [Theory]
    [InlineData("2026-12", null, null, "to", "2026-12 is not complete yet: the last complete month is 2026-11")]
    [InlineData("2018-03", null, "2018-04", "from", "from (2018-04) is after to (2018-03): the period is reversed")]
    [InlineData(null, null, "2026-12", "from", "after the last complete month (2026-11)")]
    [InlineData(null, "3", "2026-10", "months", "2026-12 is not complete yet")]
    [InlineData("2018-04", "3", "2018-01", "months", "months (3) disagrees with from 2018-01 to 2018-04 (4 months)")]
    [InlineData("2018-04", "0", null, "months", "months must be from 1 to 120")]
    [InlineData("2018-04", "121", null, "months", "months must be from 1 to 120")]
    [InlineData("1969-12", null, null, "to", "to must be a month from 1970-01 to 2199-12")]
    [InlineData("1970-06", "12", null, "months", "the previous period would start before 1970-01")]
    public async Task A_period_that_cannot_be_reported_is_refused_naming_the_parameter(string? to, string? months, string? from, string parameter, string reason)
    {
        var ex = await Assert.ThrowsAsync<ReportInputException>(() => SummariseAsync(to: to, months: months, from: from));

        Assert.Equal(parameter, ex.Parameter);
        Assert.Equal(parameter, ex.ParamName);
        Assert.Contains(reason, ex.Reason);
    }

    [Theory]
    [InlineData("2018-13", null, null, "to")]
    [InlineData("April 2018", null, null, "to")]
    [InlineData("2018-04", "two", null, "months")]
    [InlineData("2018-04", "-2", null, "months")]
    [InlineData("2018-04", "2", "county", "level")]
    public void Parameters_that_cannot_be_read_are_refused_naming_the_parameter(string? to, string? months, string? level, string parameter)
    {
        var ex = Assert.Throws<ReportInputException>(() => PerformanceQuery.Parse(to, months, level));

        Assert.Equal(parameter, ex.Parameter);
    }

    [Fact]
    public async Task An_unknown_locality_is_refused_naming_the_parameter_and_the_localities_there_are()
    {
        Assert.True((await Localities.PutAsync("grays", "Grays LAG", [_wards.Areas[0].Code], "admin")).IsValid);

        var unknown = await Assert.ThrowsAsync<ReportInputException>(() => SummariseAsync(to: "2026-04", level: "ward", locality: "tilbury"));
        var atAuthority = await Assert.ThrowsAsync<ReportInputException>(() => SummariseAsync(to: "2026-04", locality: "grays"));

        Assert.Equal(("locality", "there is no locality 'tilbury' (there are: grays)"), (unknown.Parameter, unknown.Reason));
        Assert.Equal("locality", atAuthority.Parameter);
    }

    [Fact]
    public async Task A_retired_locality_is_unknown_to_reports()
    {
        var localities = Localities;
        await localities.PutAsync("grays", "Grays LAG", [_wards.Areas[0].Code], "admin");
        await localities.RetireAsync("grays", "admin");

        var ex = await Assert.ThrowsAsync<ReportInputException>(() => SummariseAsync(to: "2026-04", level: "locality", locality: "grays"));

        Assert.Equal(("locality", "there is no locality 'grays' (none is in force)"), (ex.Parameter, ex.Reason));
    }

    [Fact]
    public async Task Rates_per_1000_appear_only_for_areas_with_a_configured_population()
    {
        _options.Population["E06000034"] = 170_000;
        _options.PopulationSource = "test figures";
        await _store.AppendAsync([.. Enumerable.Range(0, 17).Select(i => In("Belhus", $"b{i}", OccurredAt.Month(2026, 4)))]);

        var authority = await SummariseAsync(to: "2026-04", months: "1");
        var wards = await SummariseAsync(to: "2026-04", months: "1", level: "ward");

        Assert.Equal(0.1, authority.Rows.Single(r => r.Category == "all").RatePer1000);
        Assert.Equal("test figures", authority.PopulationSource);
        Assert.All(wards.Rows, r => Assert.Null(r.RatePer1000));
    }

    [Fact]
    public async Task The_CSV_starts_with_a_byte_order_mark_and_the_seven_columns_and_writes_plain_numbers()
    {
        await Localities.PutAsync("east", "Stanford, Corringham and \"the east\"", [.. _wards.Areas.Where(w => w.Name.Contains("Stanford") || w.Name.Contains("Corringham")).Select(w => w.Code)], "admin");
        var east = _wards.Areas.First(w => w.Name.Contains("Corringham"));
        var point = east.Geometry.InteriorPoint;
        await _store.AppendAsync([
            .. Enumerable.Range(0, 3).Select(i => new Incident("essex-police", $"m{i}", Category.Drugs, OccurredAt.Month(2026, 3), point.Y, point.X, null)),
            new Incident("essex-police", "a1", Category.Drugs, OccurredAt.Month(2026, 4), point.Y, point.X, null),
        ]);

        var bytes = PerformanceCsv.ToBytes(await SummariseAsync(to: "2026-04", months: "1", level: "locality"));

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.StartsWith("area_code,area_name,category,previous,current,difference,difference_pct,", lines[0]);
        Assert.Equal("east,\"Stanford, Corringham and \"\"the east\"\"\",all,3,1,-2,-66.7,group,E06000034,Thurrock,100.0,1,1,,1,100.0", lines[1]);
        Assert.Equal("", lines[^1]);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }
}
