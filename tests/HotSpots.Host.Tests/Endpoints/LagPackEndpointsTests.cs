using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HotSpots.Host.Tests.Infrastructure;
using MiniExcelLibs;

namespace HotSpots.Host.Tests.Endpoints;

/// <summary>
/// The agenda pack of a locality of three Grays wards on real police.uk data (Thurrock, January to April 2018, posted
/// through the API as a partner would), with an alert acknowledged in the period and the demo operation zones: the
/// HTML, the PDF and the spreadsheet say what the JSON says.
/// </summary>
public sealed partial class LagPackEndpointsTests(LagPackEndpointsTests.GraysServer grays) : IClassFixture<LagPackEndpointsTests.GraysServer>
{
    private const string Pack = "/api/reports/lag?locality=grays%20lag&from=2018-03&to=2018-04";

    private HotSpotsServer Server => grays.Server;

    [Fact]
    public async Task Every_figure_of_the_html_pack_equals_the_json_and_the_counts_equal_the_performance_summary_of_the_locality()
    {
        var pack = await Server.Viewer().GetFromJsonAsync<JsonElement>(Pack);
        var response = await Server.Viewer().GetAsync(Pack + "&format=html");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("lag-grays-2018-03-to-2018-04.html", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(pack.GetProperty("hasData").GetBoolean());
        Assert.Equal(("grays", "Grays LAG", "2018-01", "2017-03"),
            (pack.GetProperty("locality").GetString(), pack.GetProperty("localityName").GetString(), pack.GetProperty("previous").GetProperty("from").GetString(), pack.GetProperty("lastYear").GetProperty("from").GetString()));

        var headlines = Rows(html, "headlines");
        Assert.Equal(4, headlines.Count);
        foreach (var (h, cells) in pack.GetProperty("headlines").EnumerateArray().Zip(headlines))
        {
            Assert.Equal(
                [Long(h, "current"), Long(h, "previous"), Signed(h, "change"), Pct(h, "changePct"), Long(h, "lastYear"), Signed(h, "yearChange"), Pct(h, "yearChangePct")],
                cells[1..]);
        }
        var summary = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/reports/performance?to=2018-04&months=2&level=locality&locality=grays");
        foreach (var h in pack.GetProperty("headlines").EnumerateArray().Where(h => h.GetProperty("group").GetString() is "all" or "asb" or "violence"))
        {
            var row = summary.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("category").GetString() == h.GetProperty("group").GetString());
            Assert.Equal((row.GetProperty("previous").GetInt64(), row.GetProperty("current").GetInt64()), (h.GetProperty("previous").GetInt64(), h.GetProperty("current").GetInt64()));
            // The store begins in January 2018: March to April 2017 is unknown, not 0.
            Assert.False(h.TryGetProperty("lastYear", out _));
        }

        var wards = Rows(html, "wards");
        Assert.Equal(3, wards.Count);
        foreach (var (w, cells) in pack.GetProperty("wards").EnumerateArray().Zip(wards))
        {
            Assert.Equal([w.GetProperty("rank").GetInt32().ToString(CultureInfo.InvariantCulture), w.GetProperty("name").GetString()!, w.GetProperty("code").GetString()!, Long(w, "observed"),
                Fixed(w, "expected"), Fixed(w, "score")], cells);
        }
        var scores = pack.GetProperty("wards").EnumerateArray().Select(w => w.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);

        var streets = Rows(html, "hot-streets");
        Assert.NotEmpty(streets);
        Assert.Equal(pack.GetProperty("hotStreets").EnumerateArray().Select(s => new[] { s.GetProperty("wardName").GetString()!, s.GetProperty("location").GetString()!, Long(s, "count") }),
            streets.Select(c => c.ToArray()));

        var bars = BarPattern().Matches(html).Select(m => (m.Groups[1].Value, long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        var trends = pack.GetProperty("trends").EnumerateArray().SelectMany(t =>
            t.GetProperty("counts").EnumerateArray().Select((c, i) => (DateTime.ParseExact(t.GetProperty("from").GetString()!, "yyyy-MM", CultureInfo.InvariantCulture).AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture), c.GetInt64()))).ToList();
        Assert.Equal(4 * 24, trends.Count);
        Assert.Equal(trends, bars);
        Assert.Equal(Long(pack.GetProperty("headlines")[0], "current"), trends.Take(24).Where(t => t.Item1 is "2018-03" or "2018-04").Sum(t => t.Item2).ToString(CultureInfo.InvariantCulture));

        var alert = Assert.Single(Rows(html, "alerts"));
        var a = Assert.Single(pack.GetProperty("alerts").EnumerateArray());
        Assert.Equal(("acknowledged", "vera", "Visited with the council's ASB team; dispersal order considered."), (a.GetProperty("status").GetString(), a.GetProperty("handledBy").GetString(), a.GetProperty("note").GetString()));
        Assert.Equal(["2018-03-14 21:00", a.GetProperty("areaName").GetString()!, $"{a.GetProperty("explanation").GetString()} ({a.GetProperty("severity").GetString()})", "acknowledged", "vera", a.GetProperty("note").GetString()!], alert);

        var operations = Rows(html, "operations");
        var zones = pack.GetProperty("operations").EnumerateArray().SelectMany(o => o.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("name").GetString()!)).ToList();
        Assert.Contains("Op Grip: Grays town centre", zones);
        Assert.Equal(zones, operations.Select(c => c[2]));
        Assert.All(pack.GetProperty("operations").EnumerateArray().SelectMany(o => o.GetProperty("zones").EnumerateArray()), z => Assert.NotEqual("", z.GetProperty("reading").GetString()));

        Assert.Contains("police.uk publishes a month", html, StringComparison.Ordinal);
        Assert.Contains("Council cases are dated by day", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_prints_the_locality_the_period_and_the_top_ward()
    {
        var pack = await Server.Viewer().GetFromJsonAsync<JsonElement>(Pack);
        var response = await Server.Viewer().GetAsync(Pack + "&format=pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = Path.Combine(Server.Directory, "pack.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
        var text = PdfText(pdf);
        Assert.Contains("Grays LAG", text, StringComparison.Ordinal);
        Assert.Contains("March to April 2018", text, StringComparison.Ordinal);
        Assert.Contains(pack.GetProperty("wards")[0].GetProperty("name").GetString()!, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_spreadsheet_opens_with_a_sheet_per_table_holding_the_rows_of_the_json()
    {
        var pack = await Server.Viewer().GetFromJsonAsync<JsonElement>(Pack);
        var response = await Server.Viewer().GetAsync(Pack + "&format=xlsx");
        using var book = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["Headlines", "Ward heat", "Hot streets", "Trends", "Alerts", "Operations", "Coverage"], MiniExcel.GetSheetNames(book));
        var headlines = Sheet(book, "Headlines");
        Assert.Equal(pack.GetProperty("headlines").EnumerateArray().Select(h => (h.GetProperty("group").GetString(), Long(h, "current"), Long(h, "previous"), Long(h, "lastYear"))),
            headlines.Select(r => ((string?)r["group"], Cell(r["current"]), Cell(r["previous"]), Cell(r["last_year"]))));
        Assert.Equal(pack.GetProperty("wards").EnumerateArray().Select(w => (w.GetProperty("code").GetString(), w.GetProperty("observed").GetInt64(), w.GetProperty("score").GetDouble())),
            Sheet(book, "Ward heat").Select(r => ((string?)r["code"], Convert.ToInt64(r["observed"], CultureInfo.InvariantCulture), Convert.ToDouble(r["score"], CultureInfo.InvariantCulture))));
        Assert.Equal(pack.GetProperty("hotStreets").EnumerateArray().Select(s => (s.GetProperty("location").GetString(), s.GetProperty("count").GetInt64())),
            Sheet(book, "Hot streets").Select(r => ((string?)r["location"], Convert.ToInt64(r["count"], CultureInfo.InvariantCulture))));
        Assert.Equal(pack.GetProperty("trends").EnumerateArray().SelectMany(t => t.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64())),
            Sheet(book, "Trends").Select(r => Convert.ToInt64(r["count"], CultureInfo.InvariantCulture)));
        Assert.Equal(pack.GetProperty("alerts").EnumerateArray().Select(a => (a.GetProperty("id").GetString(), a.GetProperty("handledBy").GetString())),
            Sheet(book, "Alerts").Select(r => ((string?)r["id"], (string?)r["handled_by"])));
    }

    [Fact]
    public async Task A_period_with_no_data_says_so_in_a_section_of_its_own()
    {
        var pack = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/reports/lag?locality=grays&from=2016-01&to=2016-02");
        var html = await Server.Viewer().GetStringAsync("/api/reports/lag?locality=grays&from=2016-01&to=2016-02&format=html");

        Assert.False(pack.GetProperty("hasData").GetBoolean());
        Assert.All(pack.GetProperty("headlines").EnumerateArray(), h => Assert.Equal(0, h.GetProperty("current").GetInt64()));
        Assert.Contains("<section id=\"no-data\"", html, StringComparison.Ordinal);
        Assert.Contains("No data for this period", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2018-03&to=2018-04", HttpStatusCode.BadRequest, "locality")]
    [InlineData("locality=nowhere&from=2018-03&to=2018-04", HttpStatusCode.UnprocessableEntity, "locality")]
    [InlineData("locality=grays&from=2018-04&to=2018-03", HttpStatusCode.UnprocessableEntity, "from")]
    [InlineData("locality=grays&to=NOW", HttpStatusCode.UnprocessableEntity, "to")]
    [InlineData("locality=grays&from=March", HttpStatusCode.BadRequest, "from")]
    [InlineData("locality=grays&format=docx", HttpStatusCode.BadRequest, "format")]
    public async Task Bad_pack_parameters_are_refused_naming_the_parameter(string parameters, HttpStatusCode status, string parameter)
    {
        var running = DateTimeOffset.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var response = await Server.Viewer().GetAsync("/api/reports/lag?" + parameters.Replace("NOW", running, StringComparison.Ordinal));

        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var reasons), problem.ToString());
        Assert.False(string.IsNullOrWhiteSpace(reasons[0].GetString()));
    }

    [Fact]
    public async Task The_tool_with_a_server_writes_the_html_pdf_and_spreadsheet_the_api_serves()
    {
        var folder = Path.Combine(Server.Directory, "pack");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await HotSpots.Cli.CommandLine.RunAsync(
            ["report", "lag", "--locality", "GRAYS", "--from", "2018-03", "--to", "2018-04", "--out", folder, "--server", Server.BaseAddress.ToString(), "--api-key", HotSpotsServer.ViewerKey],
            output, error, CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Equal(["pack.html", "pack.pdf", "pack.xlsx"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Contains("Grays LAG", PdfText(Path.Combine(folder, "pack.pdf")), StringComparison.Ordinal);
        var served = await Server.Viewer().GetStringAsync(Pack + "&format=html");
        Assert.Equal(DrawnAt().Replace(served, ""), DrawnAt().Replace(await File.ReadAllTextAsync(Path.Combine(folder, "pack.html")), ""));
    }

    [Fact]
    public async Task The_performance_summary_in_html_and_xlsx_holds_the_rows_of_its_json()
    {
        const string summary = "/api/reports/performance?to=2018-04&months=2&level=ward&locality=grays";
        var json = await Server.Viewer().GetFromJsonAsync<JsonElement>(summary);
        var html = await Server.Viewer().GetStringAsync(summary + "&format=html");
        using var book = new MemoryStream(await Server.Viewer().GetByteArrayAsync(summary + "&format=xlsx"));

        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        var printed = Rows(html, "summary");
        Assert.Equal(rows.Select(r => new[] { r.GetProperty("areaName").GetString()!, r.GetProperty("category").GetString()!, Long(r, "previous"), Long(r, "current"), Signed(r, "difference"), Pct(r, "differencePct") }),
            printed.Select(c => c[..6].ToArray()));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var sheet = Sheet(book, "Summary");
        Assert.Equal(rows.Select(r => (r.GetProperty("areaCode").GetString(), r.GetProperty("category").GetString(), Long(r, "previous"), Long(r, "current"), r.GetProperty("rank").GetInt32())),
            sheet.Select(r => ((string?)r["area_code"], (string?)r["category"], Cell(r["previous"]), Cell(r["current"]), Convert.ToInt32(r["rank"], CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Without_chromium_the_pdf_is_503_saying_it_is_unavailable_and_the_html_is_still_served()
    {
        await using var server = new HotSpotsServer(new Dictionary<string, string?> { ["HotSpots:Reports:Chromium"] = "/nowhere/chromium" });
        (await server.Admin().PutAsJsonAsync("/api/localities/grays", new { name = "Grays LAG", wards = new[] { "E05002235" } })).EnsureSuccessStatusCode();

        var pdf = await server.Viewer().GetAsync("/api/reports/lag?locality=grays&format=pdf");
        var html = await server.Viewer().GetAsync("/api/reports/lag?locality=grays&format=html");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, pdf.StatusCode);
        Assert.Contains("PDF is unavailable", (await pdf.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
    }

    /// <summary>The text cells of a table's body rows.</summary>
    private static List<List<string>> Rows(string html, string id)
    {
        var table = Regex.Match(html, $"<table id=\"{id}\">.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline);
        Assert.True(table.Success, $"no table {id}");
        return [.. RowPattern().Matches(table.Groups[1].Value).Select(row => CellPattern().Matches(row.Value)
            .Select(c => WebUtility.HtmlDecode(TagPattern().Replace(c.Groups[1].Value, "")).Trim()).ToList())];
    }

    // The API leaves out what is null: a count of months the store holds no data for.
    private static string Long(JsonElement e, string name) => e.TryGetProperty(name, out var p) ? p.GetInt64().ToString(CultureInfo.InvariantCulture) : "no data";

    private static string Signed(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var p) ? "no data" : p.GetInt64() is var v && v > 0 ? $"+{v}" : v.ToString(CultureInfo.InvariantCulture);

    // The API leaves out what is null: no percentage where the base is 0.
    private static string Pct(JsonElement e, string name) => !e.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null
        ? "–"
        : p.GetDouble() is var v && v > 0 ? $"+{v.ToString("0.0", CultureInfo.InvariantCulture)}%" : $"{v.ToString("0.0", CultureInfo.InvariantCulture)}%";

    private static string Fixed(JsonElement e, string name) => e.GetProperty(name).GetDouble().ToString("0.00", CultureInfo.InvariantCulture);

    private static string Cell(object? value) => value is null or "" ? "no data" : Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    private static List<IDictionary<string, object?>> Sheet(Stream book, string name)
    {
        book.Position = 0;
        return [.. MiniExcel.Query(book, useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>()];
    }

    private static string PdfText(string pdf)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", pdf, "-"]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return text;
    }

    [GeneratedRegex("<tr[^>]*>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("<rect data-month=\"(\\d{4}-\\d{2})\" data-count=\"(\\d+)\"")]
    private static partial Regex BarPattern();

    [GeneratedRegex("drawn [^<]* UTC")]
    private static partial Regex DrawnAt();

    /// <summary>Thurrock on real police.uk data with the Grays locality (<see cref="GraysPack"/>), once for the class.</summary>
    public sealed class GraysServer : IAsyncLifetime
    {
        public HotSpotsServer Server { get; } = GraysPack.NewServer();

        public Task InitializeAsync() => GraysPack.LoadAsync(Server);

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
