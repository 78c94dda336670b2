using System.Globalization;
using System.Text;
using HotSpots.Testing;

namespace HotSpots.Cli.Tests;

/// <summary><c>hotspots report performance</c> on a store holding Thurrock's police.uk streets, January to April 2018.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string[] Settings => [$"--HotSpots:Store:Sqlite:Path={_dir.File("thurrock.db")}", $"--HotSpots:Geography:Wards:Files:0={SharedData.ThurrockWards}"];

    private Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => ToolRun.RunAsync([.. args, .. Settings]);

    /// <summary>Imports the four months and returns how many rows were placed in Thurrock's wards.</summary>
    private async Task<int> ImportAsync()
    {
        var (code, output, _) = await RunAsync(["import", "police-uk", .. Enumerable.Range(1, 4).Select(m => SharedData.PoliceUk($"2018-0{m}"))]);
        Assert.Equal(0, code);
        return int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"imported ([\d,]+)").Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Two_months_against_the_two_before_count_every_imported_Thurrock_row_once_in_a_file_with_a_bom()
    {
        var imported = await ImportAsync();
        var file = _dir.File("performance.csv");

        var (code, _, _) = await RunAsync("report", "performance", "--to", "2018-04", "--months", "2", "--out", file);

        Assert.Equal(0, code);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("area_code,area_name,category,previous,current,difference,difference_pct,", lines[0]);
        var all = lines.Single(l => l.StartsWith("E06000034,Thurrock,all,", StringComparison.Ordinal)).Split(',');
        var (previous, current) = (int.Parse(all[3], CultureInfo.InvariantCulture), int.Parse(all[4], CultureInfo.InvariantCulture));
        Assert.Equal(imported, previous + current);
        Assert.Equal((current - previous).ToString(CultureInfo.InvariantCulture), all[5]);
    }

    [Fact]
    public async Task Without_out_the_csv_goes_to_standard_output_without_the_bom_and_ward_rows_add_up_to_Thurrock()
    {
        await ImportAsync();

        var (code, authority, _) = await RunAsync("report", "performance", "--to", "2018-04", "--months", "2");
        var (wardCode, wards, _) = await RunAsync("report", "performance", "--to", "2018-04", "--months", "2", "--level", "ward");

        Assert.Equal((0, 0), (code, wardCode));
        Assert.StartsWith("area_code,", authority);
        var thurrock = Current(authority.Split("\r\n").Single(l => l.StartsWith("E06000034,Thurrock,all,", StringComparison.Ordinal)));
        var wardLines = wards.Split("\r\n").Where(l => l.Contains(",all,", StringComparison.Ordinal) && l.StartsWith("E05", StringComparison.Ordinal)).ToList();
        Assert.Equal(20, wardLines.Count);
        Assert.Equal(thurrock, wardLines.Sum(Current));

        static int Current(string line) => int.Parse(line.Split(',')[4], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_month_not_yet_complete_is_a_usage_error_naming_to()
    {
        var running = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var (code, output, error) = await RunAsync("report", "performance", "--to", running);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--to: ", error);
        Assert.Contains("not complete yet", error);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("--level", "street")]
    [InlineData("--format", "pdf")]
    public async Task A_level_or_format_it_does_not_know_is_a_usage_error(string option, string value)
    {
        var (code, _, error) = await RunAsync("report", "performance", "--to", "2018-04", option, value);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(value, error);
    }

    [Fact]
    public async Task The_performance_summary_as_a_spreadsheet_has_a_row_per_line_of_the_csv()
    {
        await ImportAsync();
        var (csvFile, xlsxFile) = (_dir.File("performance.csv"), _dir.File("performance.xlsx"));

        var (csvCode, _, _) = await RunAsync("report", "performance", "--to", "2018-04", "--months", "2", "--level", "ward", "--out", csvFile);
        var (code, _, _) = await RunAsync("report", "performance", "--to", "2018-04", "--months", "2", "--level", "ward", "--format", "xlsx", "--out", xlsxFile);

        Assert.Equal((0, 0), (csvCode, code));
        var csv = (await File.ReadAllLinesAsync(csvFile)).Skip(1).Select(l => l.Split(',')).ToList();
        var rows = MiniExcelLibs.MiniExcel.Query(xlsxFile, useHeaderRow: true, sheetName: "Summary").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(csv.Select(c => (c[0], c[2], c[4])), rows.Select(r => ((string)r["area_code"]!, (string)r["category"]!, Convert.ToString(r["current"], CultureInfo.InvariantCulture)!)));
    }

    [Fact]
    public async Task A_lag_pack_on_the_store_writes_html_and_spreadsheet_and_without_chromium_exits_1_saying_the_pdf_is_unavailable()
    {
        await ImportAsync();
        await AddGraysAsync();
        var folder = _dir.File("pack");

        var (code, _, error) = await RunAsync("report", "lag", "--locality", "Grays LAG", "--from", "2018-03", "--to", "2018-04", "--out", folder, "--HotSpots:Reports:Chromium=/nowhere/chromium");

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("pack.pdf not written: PDF is unavailable", error);
        Assert.Equal(["pack.html", "pack.xlsx"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        var html = await File.ReadAllTextAsync(Path.Combine(folder, "pack.html"));
        Assert.Contains("Grays LAG Locality Action Group", html);
        Assert.Contains("March to April 2018", html);
        var (_, summary, _) = await RunAsync("report", "performance", "--to", "2018-04", "--months", "2", "--level", "locality", "--locality", "grays");
        var all = summary.Split("\r\n").Single(l => l.StartsWith("grays,Grays LAG,all,", StringComparison.Ordinal)).Split(',');
        Assert.Contains($"<td>All recorded incidents</td><td class=\"n\">{all[4]}</td><td class=\"n\">{all[3]}</td>", html);
    }

    [Fact]
    public async Task A_lag_pack_with_chromium_writes_the_pdf_too()
    {
        await ImportAsync();
        await AddGraysAsync();
        var folder = _dir.File("pack");

        var (code, _, error) = await RunAsync("report", "lag", "--locality", "grays", "--out", folder, "--to", "2018-04");

        Assert.Equal(0, code);
        Assert.Equal(["pack.html", "pack.pdf", "pack.xlsx"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(Path.Combine(folder, "pack.pdf")))[..4]);
        Assert.Contains("Wrote ", error);
    }

    [Fact]
    public async Task An_unknown_locality_is_a_usage_error_naming_locality_and_listing_those_there_are()
    {
        await AddGraysAsync();

        var (code, _, error) = await RunAsync("report", "lag", "--locality", "tilbury", "--out", _dir.File("pack"), "--to", "2018-04");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--locality: there is no locality 'tilbury' (there are: grays (Grays LAG))", error);
    }

    /// <summary>A locality of three Grays wards, made as the API makes one.</summary>
    private async Task AddGraysAsync()
    {
        await using var store = await HotSpots.Store.Sqlite.SqliteIncidentStore.OpenAsync(new HotSpots.Store.Sqlite.SqliteStoreOptions { Path = _dir.File("thurrock.db") }, TimeProvider.System);
        var geography = Microsoft.Extensions.Options.Options.Create(new HotSpots.Geography.GeographyOptions { Wards = { Files = [SharedData.ThurrockWards] } });
        var catalog = new HotSpots.Application.Areas.GeographyCatalog(new HotSpots.Store.Sqlite.SqliteOperationStore(store), geography);
        var localities = new HotSpots.Application.Areas.LocalityService(new HotSpots.Store.Sqlite.SqliteLocalityStore(store), catalog);
        Assert.True((await localities.PutAsync("grays", "Grays LAG", ["E05002235", "E05002236", "E05002238"], "admin")).IsValid);
    }

    public void Dispose() => _dir.Dispose();
}
