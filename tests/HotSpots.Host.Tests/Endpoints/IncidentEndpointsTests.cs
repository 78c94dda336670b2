using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Store;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Host.Tests.Endpoints;

public sealed class IncidentEndpointsTests : ServerTests
{
    [Fact]
    public async Task Posting_without_a_key_is_401_with_problem_details()
    {
        var response = await Server.Client().PostAsJsonAsync("/api/incidents", HotSpotsServer.Incident("a"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_ingest_key_is_401_and_a_viewer_key_cannot_post()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Client(ingestKey: "guess").PostAsJsonAsync("/api/incidents", HotSpotsServer.Incident("a"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Server.Viewer().PostAsJsonAsync("/api/incidents", HotSpotsServer.Incident("a"))).StatusCode);
    }

    [Fact]
    public async Task Each_item_of_a_batch_is_reported_as_accepted_duplicate_or_rejected()
    {
        object[] batch =
        [
            HotSpotsServer.Incident("1"),
            HotSpotsServer.Incident("1"),
            HotSpotsServer.Incident("2", category: "littering"),
            HotSpotsServer.Incident("3", lat: 52.9, lon: -1.2),
            new { source = "ecfrs", sourceId = "F9", category = "deliberate-primary-fire", occurredAt = "2026-01-15", easting = 561900, northing = 177900 },
            new { source = "ecfrs", sourceId = "F10", category = "deliberate-primary-fire", occurredAt = "2026-01-15", easting = "east", northing = 177900 },
        ];

        var response = await Server.PostAsync(batch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal(1, body.GetProperty("duplicates").GetInt32());
        Assert.Equal(3, body.GetProperty("rejected").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["accepted", "duplicate", "rejected", "rejected", "accepted", "rejected"], items.Select(i => i.GetProperty("status").GetString()));
        Assert.Equal("E05002235", items[0].GetProperty("ward").GetString());
        Assert.Contains("littering", items[2].GetProperty("reason").GetString());
        Assert.Contains("outside", items[3].GetProperty("reason").GetString());
        Assert.Contains("easting must be a number", items[5].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Resending_the_same_incident_changes_nothing()
    {
        await Server.PostAsync(HotSpotsServer.Incident("same"));
        var again = await (await Server.PostAsync(HotSpotsServer.Incident("same"))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(0, again.GetProperty("accepted").GetInt32());
        Assert.Equal(1, again.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task A_request_whose_every_item_is_rejected_is_422_with_the_reasons()
    {
        var response = await Server.PostAsync(HotSpotsServer.Incident("future", at: DateTimeOffset.UtcNow.AddDays(2)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("future", problem.GetProperty("detail").GetString());
        Assert.Equal("rejected", problem.GetProperty("items")[0].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("42")]
    public async Task A_body_that_is_not_incidents_is_400(string body)
    {
        var response = await Server.Ingest().PostAsync("/api/incidents", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("a lone surrogate escape")]
    [InlineData("a byte that is not UTF-8")]
    public async Task An_item_whose_text_is_not_text_is_rejected_alone_and_the_rest_of_the_batch_is_stored(string defect)
    {
        var items = Enumerable.Range(0, 1_000).Select(i => HotSpotsServer.Incident($"t{i}")).ToArray();
        items[500] = new { source = "essex-police", sourceId = "t500", category = "anti-social-behaviour", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), latitude = 51.4757, longitude = 0.3217, locationText = "BAD" };
        var body = BodyWithBadText(JsonSerializer.Serialize(items), defect);

        var response = await Server.Ingest().PostAsync("/api/incidents", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((999, 1), (result.GetProperty("accepted").GetInt32(), result.GetProperty("rejected").GetInt32()));
        var rejected = result.GetProperty("items")[500];
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.StartsWith("locationText is not valid text", rejected.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Direction_overrides_are_dropped_from_location_text_and_a_line_separator_is_rejected_with_the_reason()
    {
        object At(string id, string locationText) => new { source = "essex-police", sourceId = id, category = "anti-social-behaviour", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), latitude = 51.4757, longitude = 0.3217, locationText };

        var response = await Server.PostAsync(new[] { At("bidi-1", "\u202Enoitats \u2066Grays\u2069"), At("bidi-2", "High Street\u2028Grays"), At("bidi-3", "Orsett Road\u2029") });

        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        Assert.Equal("accepted", items[0].GetProperty("status").GetString());
        Assert.Equal("locationText contains a line or paragraph separator (U+2028, U+2029)", items[1].GetProperty("reason").GetString());
        Assert.Equal("locationText contains a line or paragraph separator (U+2028, U+2029)", items[2].GetProperty("reason").GetString());
        var stored = await Server.Services.GetRequiredService<IIncidentStore>()
            .ReadIncidentsAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)).SingleAsync(i => i.SourceId == "bidi-1");
        Assert.Equal("noitats Grays", stored.LocationText);
    }

    [Theory]
    [InlineData("0001-01-01", "occurredAt 0001-01-01 is before 2000-01-01, the earliest date accepted")]
    [InlineData("1066-10", "occurredAt 1066-10 is before 2000-01-01, the earliest date accepted")]
    [InlineData("1900-01-01", "occurredAt 1900-01-01 is before 2000-01-01, the earliest date accepted")]
    [InlineData("2026-11-30 Dec 1 12:00 z", "occurredAt '2026-11-30 Dec 1 12:00 z' is not ISO 8601 (yyyy-MM, yyyy-MM-dd, or a timestamp with offset)")]
    public async Task An_absurd_or_loosely_written_date_is_refused_with_the_reason(string occurredAt, string reason)
    {
        var response = await Server.PostAsync(new { source = "essex-police", sourceId = "d1", category = "anti-social-behaviour", occurredAt, latitude = 51.4757, longitude = 0.3217 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_earliest_date_accepted_is_configurable()
    {
        await using var server = new HotSpotsServer(new Dictionary<string, string?> { ["HotSpots:Incidents:Earliest"] = "2020-01-01T00:00:00Z" });
        object Dated(string id, string day) => new { source = "essex-police", sourceId = id, category = "anti-social-behaviour", occurredAt = day, latitude = 51.4757, longitude = 0.3217 };

        var response = await server.PostAsync(new[] { Dated("old", "2019-12-31"), Dated("new", "2020-01-01") });

        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        Assert.Equal(["rejected", "accepted"], items.EnumerateArray().Select(i => i.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_numeric_id_is_one_id_however_the_number_is_written()
    {
        string Item(string id) => $$"""{"source":"essex-police","sourceId":{{id}},"category":"anti-social-behaviour","occurredAt":"{{DateTimeOffset.UtcNow.AddMinutes(-1):O}}","latitude":51.4757,"longitude":0.3217}""";
        var body = new StringContent($"[{Item("1000")},{Item("1000.0")},{Item("1e3")},{Item("\"1000\"")},{Item("10E2")}]", Encoding.UTF8, "application/json");

        var result = await (await Server.Ingest().PostAsync("/api/incidents", body)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(["accepted", "duplicate", "duplicate", "duplicate", "duplicate"], result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
        var stored = await Server.Services.GetRequiredService<IIncidentStore>()
            .ReadIncidentsAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)).SingleAsync(i => i.Source == "essex-police");
        Assert.Equal("1000", stored.SourceId);
    }

    [Theory]
    [InlineData("1000.5")]
    [InlineData("1e-3")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("true")]
    public async Task A_numeric_id_that_is_not_a_whole_number_held_exactly_is_rejected_naming_the_field(string id)
    {
        var body = new StringContent($$"""{"source":"essex-police","sourceId":{{id}},"category":"anti-social-behaviour","occurredAt":"{{DateTimeOffset.UtcNow.AddMinutes(-1):O}}","latitude":51.4757,"longitude":0.3217}""", Encoding.UTF8, "application/json");

        var response = await Server.Ingest().PostAsync("/api/incidents", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("sourceId must be a string or a whole number", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_incident_with_a_key_given_twice_is_refused_with_a_problem_naming_the_key()
    {
        var body = new StringContent($$"""{"source":"essex-police","sourceId":"dup","category":"anti-social-behaviour","category":"burglary","occurredAt":"{{DateTimeOffset.UtcNow.AddMinutes(-1):O}}","latitude":51.4757,"longitude":0.3217}""", Encoding.UTF8, "application/json");

        var response = await Server.Ingest().PostAsync("/api/incidents", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Duplicate JSON key", problem.GetProperty("title").GetString());
        Assert.Equal("the key 'category' is given twice at $.category; send each key once", problem.GetProperty("detail").GetString());
        Assert.Empty(await Server.Services.GetRequiredService<IIncidentStore>().ReadAfterAsync(0, 10));
    }

    /// <summary>The JSON text with its "BAD" string value replaced by the defect, as raw bytes no serializer would write.</summary>
    internal static ByteArrayContent BodyWithBadText(string json, string defect)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = json.IndexOf("BAD", StringComparison.Ordinal);
        var bad = defect == "a byte that is not UTF-8" ? [(byte)'x', 0xFF, (byte)'x'] : Encoding.ASCII.GetBytes("\\ud800");
        var content = new ByteArrayContent([.. bytes[..at], .. bad, .. bytes[(at + 3)..]]);
        content.Headers.ContentType = new("application/json");
        return content;
    }
}
