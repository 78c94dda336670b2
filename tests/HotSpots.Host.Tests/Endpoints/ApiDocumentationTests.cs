using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Host.Tests.Endpoints;

public class ApiDocumentationTests : ServerTests
{
    private const string DocumentPath = "/openapi/v1.json";

    private async Task<JsonElement> DocumentAsync()
    {
        using var viewer = Server.Viewer();
        return await viewer.GetFromJsonAsync<JsonElement>(DocumentPath);
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "put" or "post" or "delete" or "patch")
            .Select(o => (o.Name.ToUpperInvariant(), path.Name.TrimEnd('/'), o.Value)));

    private static JsonElement Operation(JsonElement document, string method, string path) =>
        Operations(document).Single(o => o.Method == method && o.Path == path).Operation;

    [Fact]
    public async Task The_document_describes_every_api_endpoint_the_app_maps()
    {
        var mapped = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var documented = Operations(await DocumentAsync()).Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal).ToList();

        Assert.True(mapped.Count > 30, $"only {mapped.Count} endpoints found under /api/");
        Assert.Equal(mapped, documented);
    }

    [Fact]
    public async Task The_document_names_the_three_credentials_and_the_role_each_operation_needs()
    {
        var document = await DocumentAsync();

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), Scheme(schemes.GetProperty("ingestKey")));
        Assert.Equal(("http", "bearer"), (schemes.GetProperty("bearerKey").GetProperty("type").GetString(), schemes.GetProperty("bearerKey").GetProperty("scheme").GetString()));
        Assert.Equal(("apiKey", "cookie", "HotSpots.Session"), Scheme(schemes.GetProperty("session")));

        Assert.Equal(["ingestKey:ingest"], Requirements(Operation(document, "POST", "/api/incidents")));
        Assert.Equal(["bearerKey:viewer", "session:viewer"], Requirements(Operation(document, "GET", "/api/heat")));
        Assert.Equal(["bearerKey:analyst", "session:analyst"], Requirements(Operation(document, "PUT", "/api/zones/{code}")));
        Assert.Equal(["bearerKey:admin", "session:admin"], Requirements(Operation(document, "POST", "/api/drills")));
        Assert.Empty(Requirements(Operation(document, "POST", "/api/account/sign-in")));
        Assert.Contains("analyst role", Operation(document, "PUT", "/api/operations/{id}").GetProperty("description").GetString());

        static (string?, string?, string?) Scheme(JsonElement scheme) =>
            (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString());

        static List<string> Requirements(JsonElement operation) => operation.TryGetProperty("security", out var security)
            ? [.. security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => $"{s.Name}:{string.Join(",", s.Value.EnumerateArray().Select(v => v.GetString()))}"))]
            : [];
    }

    [Fact]
    public async Task Group_window_set_format_and_status_are_listed_as_the_words_they_take()
    {
        var document = await DocumentAsync();

        var heat = Operation(document, "GET", "/api/heat");
        Assert.Equal(["24h", "7d", "28d", "month"], Enum(heat, "window"));
        Assert.Equal(["wards", "zones"], Enum(heat, "set"));
        Assert.Contains("deliberate-fires", Enum(heat, "group"));
        Assert.Contains("anti-social-behaviour", Enum(heat, "group"));
        Assert.Equal(["wards", "zones"], Enum(Operation(document, "GET", "/api/areas/{set}/{code}"), "set"));
        Assert.Equal(["json", "csv"], Enum(Operation(document, "GET", "/api/operations/{id}/evaluation"), "format"));
        Assert.Equal(["open", "acknowledged", "resolved"], Enum(Operation(document, "GET", "/api/alerts"), "status"));

        static List<string?> Enum(JsonElement operation, string name) =>
            [.. operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name)
                .GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString())];
    }

    [Fact]
    public async Task Every_operation_has_one_feature_tag_and_the_document_has_a_real_title()
    {
        var document = await DocumentAsync();

        Assert.Equal("HotSpots API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Contains("Community Safety Partnership", document.GetProperty("info").GetProperty("description").GetString());
        var declared = document.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToHashSet();
        var used = Operations(document).Select(o => Assert.Single(o.Operation.GetProperty("tags").EnumerateArray()).GetString()).ToHashSet();
        Assert.Empty(used.Except(declared));
        Assert.Contains("Zones", used);
        Assert.Contains("Patrols", used);
        Assert.All(document.GetProperty("tags").EnumerateArray(), t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("description").GetString())));
    }

    [Fact]
    public async Task Request_bodies_and_responses_are_described_GeoJSON_included()
    {
        var document = await DocumentAsync();

        foreach (var (method, path) in new[] { ("PUT", "/api/operations/{id}"), ("POST", "/api/patrols"), ("PUT", "/api/zones/{code}"), ("PUT", "/api/alert-rules/{id}"), ("POST", "/api/incidents") })
        {
            var body = Operation(document, method, path).GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.True(body.EnumerateObject().Any(), $"{method} {path} has an empty request schema");
        }
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var path in new[] { "/api/areas", "/api/operations/{id}/layout" })
        {
            var schema = Operation(document, "GET", path).GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/geo+json").GetProperty("schema");
            Assert.Equal("#/components/schemas/GeoJsonFeatureCollection", schema.GetProperty("$ref").GetString());
        }
        Assert.True(schemas.GetProperty("GeoJsonMultiPolygon").GetProperty("properties").TryGetProperty("coordinates", out _));
        foreach (var (method, path) in Operations(document).Select(o => (o.Method, o.Path)))
        {
            var responses = Operation(document, method, path).GetProperty("responses");
            Assert.True(responses.EnumerateObject().Any(r => r.Name.StartsWith('2')), $"{method} {path} describes no success");
        }
    }

    [Fact]
    public async Task The_document_and_its_browsable_reference_are_for_signed_in_users_only()
    {
        using var anonymous = Server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(DocumentPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api-docs")).StatusCode);

        using var person = await Server.SignedInAsync(HotSpotsServer.ViewerUser);
        var page = await person.GetAsync("/api-docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("HotSpots API", html);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync(DocumentPath)).StatusCode);

        // The page starts itself with an inline script: the policy lets exactly that one run, no other inline script.
        var start = html.IndexOf("<script type=\"module\">", StringComparison.Ordinal) + "<script type=\"module\">".Length;
        var script = html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)));
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"script-src 'self' 'sha256-{hash}'", policy);
        Assert.DoesNotContain("'unsafe-inline' 'sha256", policy);
    }
}
