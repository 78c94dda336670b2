using System.Globalization;
using HotSpots.Application.Areas;
using HotSpots.Application.Imports;
using HotSpots.Application.Reports;
using HotSpots.Geography;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;
using Microsoft.Extensions.Options;
using Microsoft.VisualBasic.FileIO;
using NetTopologySuite.Geometries;

namespace HotSpots.Application.Tests.Reports;

/// <summary>
/// The summary on real police.uk data for the 14 Essex authorities, January to April 2018, with months=2 to 2018-04
/// (January–February against March–April), against counts made here straight from the CSV files and the boundary
/// files: a hand-written CSV split, a polygon-by-polygon test, and the police.uk crime types spelled out.
/// </summary>
public sealed class PerformanceSummaryRealDataTests : IClassFixture<PerformanceSummaryRealDataTests.EssexStore>
{
    private static readonly Dictionary<string, string> CrimeTypes = new()
    {
        ["Anti-social behaviour"] = "anti-social-behaviour",
        ["Bicycle theft"] = "bicycle-theft",
        ["Burglary"] = "burglary",
        ["Criminal damage and arson"] = "criminal-damage-arson",
        ["Drugs"] = "drugs",
        ["Other theft"] = "other-theft",
        ["Possession of weapons"] = "possession-of-weapons",
        ["Public order"] = "public-order",
        ["Robbery"] = "robbery",
        ["Shoplifting"] = "shoplifting",
        ["Theft from the person"] = "theft-from-the-person",
        ["Vehicle crime"] = "vehicle-crime",
        ["Violence and sexual offences"] = "violent-crime",
        ["Other crime"] = "other-crime",
    };

    private static readonly Dictionary<string, string[]> Groups = new()
    {
        ["all"] = [.. CrimeTypes.Values],
        ["asb"] = ["anti-social-behaviour"],
        ["violence"] = ["violent-crime", "robbery", "possession-of-weapons"],
    };

    private readonly PerformanceSummaryService _service;
    private readonly LocalityService _localities;
    private readonly Expected _expected;

    public PerformanceSummaryRealDataTests(EssexStore essex) => (_service, _localities, _expected) = (essex.Service, essex.Localities, essex.Expected);

    [Fact]
    public async Task Every_authority_and_category_equals_the_independent_count_with_share_and_rank_among_the_fourteen()
    {
        var summary = await _service.SummariseAsync(PerformanceQuery.Parse(to: "2018-04", months: "2", level: "authority"));

        Assert.Equal(("2018-01", "2018-02", "2018-03", "2018-04"), (summary.Previous.From, summary.Previous.To, summary.Current.From, summary.Current.To));
        Assert.True(summary.HasData);
        var authorities = _expected.Authorities;
        Assert.Equal(14, authorities.Count);
        var lines = _expected.Lines();
        Assert.Equal(authorities.Count * lines.Count, summary.Rows.Count);
        foreach (var line in lines)
        {
            var essex = authorities.Sum(a => _expected.Sum(_expected.WardsOf(a), line, 1));
            var currents = authorities.ToDictionary(a => a, a => _expected.Sum(_expected.WardsOf(a), line, 1));
            foreach (var authority in authorities)
            {
                var row = Assert.Single(summary.Rows, r => r.AreaCode == authority && r.Category == line);
                var (previous, current) = (_expected.Sum(_expected.WardsOf(authority), line, 0), currents[authority]);
                Assert.Equal((previous, current, current - previous), (row.Previous, row.Current, row.Difference));
                Assert.Equal(previous == 0 ? null : Math.Round((current - previous) * 100.0 / previous, 1, MidpointRounding.AwayFromZero), row.DifferencePct);
                Assert.Equal(essex == 0 ? null : Math.Round(current * 100.0 / essex, 1, MidpointRounding.AwayFromZero), row.SharePct);
                Assert.Equal((1 + currents.Values.Count(c => c > current), 14, "all"), (row.Rank, row.RankOf, row.ParentCode));
                Assert.Null(row.RatePer1000);
            }
        }
        var thurrock = Assert.Single(summary.Rows, r => r.AreaCode == "E06000034" && r.Category == "all");
        Assert.Equal("Thurrock", thurrock.AreaName);
    }

    [Fact]
    public async Task Every_ward_and_category_equals_the_independent_count_ranked_within_its_authority()
    {
        var summary = await _service.SummariseAsync(PerformanceQuery.Parse(to: "2018-04", months: "2", level: "ward"));

        var lines = _expected.Lines();
        Assert.Equal(_expected.Wards.Count * lines.Count, summary.Rows.Count);
        var rows = summary.Rows.ToDictionary(r => (r.AreaCode, r.Category));
        foreach (var authority in _expected.Authorities)
        {
            var wards = _expected.WardsOf(authority);
            foreach (var line in lines)
            {
                var currents = wards.ToDictionary(w => w, w => _expected.Sum([w], line, 1));
                var total = currents.Values.Sum();
                foreach (var ward in wards)
                {
                    var row = rows[(ward, line)];
                    var (previous, current) = (_expected.Sum([ward], line, 0), currents[ward]);
                    Assert.Equal((previous, current, authority), (row.Previous, row.Current, row.ParentCode));
                    Assert.Equal(total == 0 ? null : Math.Round(current * 100.0 / total, 1, MidpointRounding.AwayFromZero), row.SharePct);
                    Assert.Equal((1 + currents.Values.Count(c => c > current), wards.Count), (row.Rank, row.RankOf));
                }
            }
        }
    }

    [Fact]
    public async Task The_concentration_line_of_each_authority_is_the_fewest_wards_that_hold_half_its_count()
    {
        var summary = await _service.SummariseAsync(PerformanceQuery.Parse(to: "2018-04", months: "2", level: "authority"));

        foreach (var authority in _expected.Authorities)
        {
            foreach (var line in _expected.Lines())
            {
                var counts = _expected.WardsOf(authority).Select(w => _expected.Sum([w], line, 1)).OrderDescending().ToList();
                var (total, held, taken) = (counts.Sum(), 0L, 0);
                while (held * 2 < total) held += counts[taken++];
                var concentration = Assert.Single(summary.Concentrations, c => c.AreaCode == authority && c.Category == line);
                Assert.Equal((taken, held, total, counts.Count), (concentration.Wards, concentration.Held, concentration.Total, concentration.OfWards));
                Assert.Equal(taken, concentration.WardNames.Count);
                var row = Assert.Single(summary.Rows, r => r.AreaCode == authority && r.Category == line);
                Assert.Equal((taken, concentration.SharePct), (row.ConcentrationWards, row.ConcentrationPct));
            }
        }
        var thurrock = Assert.Single(summary.Concentrations, c => c.AreaCode == "E06000034" && c.Category == "all");
        Assert.StartsWith($"{thurrock.Wards} of Thurrock's 20 wards accounted for ", thurrock.Sentence);
    }

    [Fact]
    public async Task A_locality_of_Thurrock_wards_adds_up_its_wards_and_ranks_them_among_themselves()
    {
        // Grays Riverside, Grays Thurrock, Little Thurrock Rectory.
        string[] grays = ["E05002235", "E05002236", "E05002238"];
        Assert.True((await _localities.PutAsync("grays", "Grays LAG", grays, "admin")).IsValid);

        var locality = await _service.SummariseAsync(PerformanceQuery.Parse(to: "2018-04", months: "2", level: "locality", locality: "grays"));
        var wards = await _service.SummariseAsync(PerformanceQuery.Parse(to: "2018-04", months: "2", level: "ward", locality: "grays"));

        var all = Assert.Single(locality.Rows, r => r.Category == "all");
        Assert.Equal((_expected.Sum(grays, "all", 0), _expected.Sum(grays, "all", 1)), (all.Previous, all.Current));
        Assert.Equal(("E06000034", 1, 1), (all.ParentCode, all.Rank, all.RankOf));
        Assert.Equal(grays.Order(), wards.Rows.Select(r => r.AreaCode).Distinct().Order());
        Assert.All(wards.Rows, r => Assert.Equal(("grays", 3), (r.ParentCode, r.RankOf)));
        Assert.Equal("Grays LAG", Assert.Single(wards.Concentrations, c => c.Category == "all").AreaName);
    }

    /// <summary>The four months imported once for every test of the class, and the counts made without the code under test.</summary>
    public sealed class EssexStore : IAsyncLifetime
    {
        private readonly TempDirectory _dir = new();
        private SqliteIncidentStore _store = null!;

        public PerformanceSummaryService Service { get; private set; } = null!;

        public LocalityService Localities { get; private set; } = null!;

        internal Expected Expected { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var files = SharedData.EssexWardFiles;
            var geography = new GeographyOptions { Wards = { Files = [.. files] } };
            var time = new FakeTimeProvider(new DateTimeOffset(2018, 5, 20, 12, 0, 0, TimeSpan.Zero));
            _store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = _dir.File("essex.db") }, time);
            var catalog = new GeographyCatalog(new SqliteOperationStore(_store), Options.Create(geography));
            var wards = (await catalog.CurrentWardSetAsync()).Wards;
            var report = await new IncidentImporter(new StoreSink(_store), new ImportContext(LabelMappings.Load(), wards.Index))
                .ImportAsync(new PoliceUkFormat(), SharedData.PoliceUkFiles);
            Assert.Equal(0, report.MalformedCount);
            Localities = new LocalityService(new SqliteLocalityStore(_store), catalog);
            Service = new PerformanceSummaryService(_store, Localities, catalog, Options.Create(geography), Options.Create(new ReportOptions()), time);
            Expected = Expected.Count(files, SharedData.PoliceUkFiles);
            Assert.Equal(report.Imported, Expected.Placed);
        }

        public async Task DisposeAsync()
        {
            await _store.DisposeAsync();
            _dir.Dispose();
        }
    }

    /// <summary>Counts by ward, period (0: January–February, 1: March–April) and category, made without the code under test.</summary>
    internal sealed class Expected
    {
        private readonly Dictionary<string, long[]> _counts = [];

        public List<string> Authorities { get; } = [];

        public Dictionary<string, string> AuthorityOfWard { get; } = [];

        public List<string> Wards => [.. AuthorityOfWard.Keys];

        public long Placed { get; private set; }

        public List<string> WardsOf(string authority) => [.. AuthorityOfWard.Where(p => p.Value == authority).Select(p => p.Key)];

        public long Sum(IEnumerable<string> wards, string line, int period) =>
            wards.Sum(w => (Groups.TryGetValue(line, out var members) ? members : [line]).Sum(c => _counts.GetValueOrDefault($"{w}|{period}|{c}")?[0] ?? 0));

        /// <summary>The groups with a count, widest first, then every category with a count in the order HotSpots lists them.</summary>
        public List<string> Lines()
        {
            string[] order = ["anti-social-behaviour", "criminal-damage-arson", "violent-crime", "public-order", "drugs", "possession-of-weapons", "burglary",
                "robbery", "vehicle-crime", "shoplifting", "theft-from-the-person", "bicycle-theft", "other-theft", "other-crime"];
            return [.. new[] { "all", "asb", "violence" }, .. order.Where(c => Wards.Any(w => Sum([w], c, 0) + Sum([w], c, 1) > 0))];
        }

        public static Expected Count(IReadOnlyList<string> wardFiles, IReadOnlyList<string> policeFiles)
        {
            var expected = new Expected();
            var wards = new List<(string Code, Geometry Shape)>();
            foreach (var file in wardFiles)
            {
                var authority = Path.GetFileNameWithoutExtension(file);
                expected.Authorities.Add(authority);
                foreach (var ward in GeoJsonAreaReader.Read(file))
                {
                    expected.AuthorityOfWard[ward.Code] = authority;
                    wards.Add((ward.Code, ward.Geometry));
                }
            }
            // A point on a shared boundary belongs to the ward whose code sorts first.
            wards.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
            var factory = new GeometryFactory();
            var placed = new Dictionary<(double, double), string?>();
            foreach (var file in policeFiles)
            {
                foreach (var fields in Rows(file))
                {
                    if (fields[4].Length == 0) continue;
                    var (lon, lat) = (double.Parse(fields[4], CultureInfo.InvariantCulture), double.Parse(fields[5], CultureInfo.InvariantCulture));
                    if (!placed.TryGetValue((lon, lat), out var ward))
                    {
                        var point = factory.CreatePoint(new Coordinate(lon, lat));
                        ward = placed[(lon, lat)] = wards.FirstOrDefault(w => w.Shape.EnvelopeInternal.Intersects(point.Coordinate) && w.Shape.Covers(point)).Code;
                    }
                    if (ward is null) continue;
                    var period = string.CompareOrdinal(fields[1], "2018-03") >= 0 ? 1 : 0;
                    var key = $"{ward}|{period}|{CrimeTypes[fields[9]]}";
                    if (!expected._counts.TryGetValue(key, out var count)) expected._counts[key] = count = new long[1];
                    count[0]++;
                    expected.Placed++;
                }
            }
            return expected;
        }

        /// <summary>A police.uk file's rows after its header (fields holding commas are quoted).</summary>
        private static IEnumerable<string[]> Rows(string path)
        {
            using var parser = new TextFieldParser(path) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
            parser.SetDelimiters(",");
            parser.ReadFields();
            while (parser.ReadFields() is { } fields) yield return fields;
        }
    }
}
