using System.Net.Http.Headers;
using System.Net.Http.Json;
using HotSpots.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Host.Tests.Infrastructure;

/// <summary>The real host on a real Kestrel port (loopback), with its own SQLite file and known keys.</summary>
public sealed class HotSpotsServer : IAsyncDisposable
{
    public const string IngestKey = "test-ingest-key";
    public const string ViewerKey = "test-viewer-key";
    public const string AdminKey = "test-admin-key";
    public const string AnalystKey = "test-analyst-key";

    private readonly TempDirectory _dir = new();
    private readonly WebApplicationFactory<Program> _factory;

    public HotSpotsServer(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["HotSpots:Store:Sqlite:Path"] = _dir.File("hotspots.db"),
            ["HotSpots:Security:IngestKeys:0"] = IngestKey,
            ["HotSpots:Security:ViewerKeys:0"] = ViewerKey,
            ["HotSpots:Security:AdminKeys:0"] = AdminKey,
            ["HotSpots:Security:AnalystKeys:0"] = AnalystKey,
            ["HotSpots:Demo:Feed"] = "false",
            ["urls"] = "http://127.0.0.1:0",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (k, v) in all) b.UseSetting(k, v);
        });
        _factory.UseKestrel();
        _factory.StartServer();
        BaseAddress = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    public HttpClient Client(string? ingestKey = null, string? viewerKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (ingestKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", ingestKey);
        if (viewerKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", viewerKey);
        return client;
    }

    public HttpClient Ingest() => Client(ingestKey: IngestKey);

    public HttpClient Viewer() => Client(viewerKey: ViewerKey);

    public HttpClient Admin() => Client(viewerKey: AdminKey);

    public HttpClient Analyst() => Client(viewerKey: AnalystKey);

    public string StorePath => _dir.File("hotspots.db");

    public static object Incident(string id, string category = "anti-social-behaviour", double lat = 51.4757, double lon = 0.3217, DateTimeOffset? at = null) => new
    {
        source = "essex-police",
        sourceId = id,
        category,
        occurredAt = (at ?? DateTimeOffset.UtcNow.AddMinutes(-1)).ToString("O"),
        latitude = lat,
        longitude = lon,
        locationText = "Grays station",
    };

    public async Task<HttpResponseMessage> PostAsync(object body) => await Ingest().PostAsJsonAsync("/api/incidents", body);

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _dir.Dispose();
    }
}
