using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HotSpots.Application.Reports;
using HotSpots.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Host.Tests.Endpoints;

public sealed class ReportEndpointsTests : ServerTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Thurrock wards of the demo set; the test incidents are placed in Grays Riverside.
    private const string GraysRiverside = "E05002235", TilburyStChads = "E05002247";

    private static DateTimeOffset LastMonthStart
    {
        get
        {
            var now = DateTimeOffset.UtcNow;
            return new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        }
    }

    private static string LastMonth => LastMonthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private async Task RecordThreeIncidentsLastMonthAsync()
    {
        var at = LastMonthStart.AddDays(2).AddHours(10);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await Server.PostAsync(HotSpotsServer.Incident($"perf-{i}", at: at.AddHours(i)))).StatusCode);
    }

    [Fact]
    public async Task The_csv_download_is_an_attachment_with_a_bom_and_the_board_columns_first()
    {
        await RecordThreeIncidentsLastMonthAsync();

        var response = await Server.Viewer().GetAsync($"/api/reports/performance?to={LastMonth}&months=1&level=ward&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.StartsWith("area_code,area_name,category,previous,current,difference,difference_pct,", lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"{GraysRiverside},Grays Riverside,all,0,3,3,,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_json_summary_holds_the_same_figures_as_the_service()
    {
        await RecordThreeIncidentsLastMonthAsync();

        var answered = await Server.Viewer().GetFromJsonAsync<PerformanceSummary>($"/api/reports/performance?to={LastMonth}&months=1&level=ward", Json);
        var computed = await Server.Services.GetRequiredService<PerformanceSummaryService>()
            .SummariseAsync(PerformanceQuery.Parse(LastMonth, "1", "ward"));

        Assert.NotNull(answered);
        Assert.True(answered.HasData);
        Assert.Equal(computed.Rows, answered.Rows);
        Assert.Equal((computed.Previous, computed.Current), (answered.Previous, answered.Current));
        Assert.Equal(3, answered.Rows.Single(r => r.AreaCode == GraysRiverside && r.Category == "all").Current);
    }

    [Fact]
    public async Task The_tool_with_a_server_writes_the_same_csv_as_the_api_serves()
    {
        await RecordThreeIncidentsLastMonthAsync();
        var file = Path.Combine(Server.Directory, "performance.csv");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await HotSpots.Cli.CommandLine.RunAsync(
            ["report", "performance", "--to", LastMonth, "--months", "1", "--level", "ward", "--out", file, "--server", Server.BaseAddress.ToString(), "--api-key", HotSpotsServer.ViewerKey],
            output, error, CancellationToken.None);

        Assert.Equal(0, code);
        var served = await Server.Viewer().GetByteArrayAsync($"/api/reports/performance?to={LastMonth}&months=1&level=ward&format=csv");
        Assert.Equal(served, await File.ReadAllBytesAsync(file));
    }

    [Theory]
    [InlineData("to=2018-04&from=2018-06&months=", HttpStatusCode.UnprocessableEntity, "from")]
    [InlineData("to=NEXT&months=1", HttpStatusCode.UnprocessableEntity, "to")]
    [InlineData("to=2018-04&level=ward&locality=nowhere", HttpStatusCode.UnprocessableEntity, "locality")]
    [InlineData("to=2018-04&level=street", HttpStatusCode.BadRequest, "level")]
    [InlineData("to=April&months=1", HttpStatusCode.BadRequest, "to")]
    [InlineData("to=2018-04&format=pdf", HttpStatusCode.BadRequest, "format")]
    public async Task Bad_report_parameters_are_refused_naming_the_parameter(string parameters, HttpStatusCode status, string parameter)
    {
        var running = DateTimeOffset.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var response = await Server.Viewer().GetAsync("/api/reports/performance?" + parameters.Replace("NEXT", running, StringComparison.Ordinal));

        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var reasons), problem.ToString());
        Assert.False(string.IsNullOrWhiteSpace(reasons[0].GetString()));
    }

    [Fact]
    public async Task Reports_need_a_credential_and_localities_are_changed_only_by_an_admin()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Client().GetAsync("/api/reports/performance?to=2018-04")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Client().GetAsync("/api/localities")).StatusCode);
        var body = new { name = "Grays and Tilbury", wards = new[] { GraysRiverside, TilburyStChads } };
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.Viewer().PutAsJsonAsync("/api/localities/grays-tilbury", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.Analyst().DeleteAsync("/api/localities/grays-tilbury")).StatusCode);
    }

    [Fact]
    public async Task An_admin_puts_a_locality_a_viewer_reads_it_and_the_report_is_limited_to_it_until_it_is_retired()
    {
        var admin = Server.Admin();
        var created = await admin.PutAsJsonAsync("/api/localities/grays-tilbury", new { name = "Grays and Tilbury", wards = new[] { GraysRiverside, TilburyStChads } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var changed = await admin.PutAsJsonAsync("/api/localities/grays-tilbury", new { name = "Grays & Tilbury", wards = new[] { GraysRiverside, TilburyStChads } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var read = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/localities/grays-tilbury");
        Assert.Equal("Grays & Tilbury", read.GetProperty("locality").GetProperty("name").GetString());
        Assert.Equal(2, read.GetProperty("versions").GetArrayLength());
        Assert.Equal(2, read.GetProperty("locality").GetProperty("version").GetInt32());

        var summary = await Server.Viewer().GetFromJsonAsync<PerformanceSummary>($"/api/reports/performance?to={LastMonth}&months=1&level=ward&locality=grays-tilbury", Json);
        Assert.Equal([GraysRiverside, TilburyStChads], summary!.Rows.Where(r => r.Kind == "group").Select(r => r.AreaCode).Distinct().Order(StringComparer.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/api/localities/grays-tilbury")).StatusCode);
        Assert.Empty((await Server.Viewer().GetFromJsonAsync<List<JsonElement>>("/api/localities"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/localities/grays-tilbury")).StatusCode);
    }

    [Fact]
    public async Task A_locality_with_unknown_wards_and_no_name_is_422_with_errors_by_field()
    {
        var response = await Server.Admin().PutAsJsonAsync("/api/localities/nowhere", new { name = "", wards = new[] { "E00000000" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("name is required", errors.GetProperty("name")[0].GetString());
        Assert.Contains("E00000000", errors.GetProperty("wards")[0].GetString());
    }
}
