using System.Net.Http.Headers;
using System.Net.Http.Json;
using HotSpots.Application.Accounts;
using HotSpots.Host.Security;
using HotSpots.Testing;
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

    /// <summary>Every test user's password; their hashes use few iterations so that tests sign in quickly.</summary>
    public const string Password = "a long test password";
    public const string ViewerUser = "vera";
    public const string AnalystUser = "anil";
    public const string AdminUser = "ada";

    public static readonly string QuickHash = PasswordHash.Create(Password, iterations: 1_000);

    private readonly TempDirectory? _ownDir;
    private readonly WebApplicationFactory<Program> _factory;

    /// <param name="directory">A folder to keep the store (and session keys) in, to start a server again on the same data; default a fresh one.</param>
    public HotSpotsServer(IReadOnlyDictionary<string, string?>? settings = null, string? directory = null)
    {
        if (directory is null) _ownDir = new TempDirectory();
        Directory = directory ?? _ownDir!.Path;
        var all = new Dictionary<string, string?>
        {
            ["HotSpots:Store:Sqlite:Path"] = Path.Combine(Directory, "hotspots.db"),
            ["HotSpots:Security:IngestKeys:0"] = IngestKey,
            ["HotSpots:Security:ViewerKeys:0"] = ViewerKey,
            ["HotSpots:Security:AdminKeys:0"] = AdminKey,
            ["HotSpots:Security:AnalystKeys:0"] = AnalystKey,
            ["HotSpots:Demo:Feed"] = "false",
            ["HotSpots:Security:Users:0:Name"] = ViewerUser,
            ["HotSpots:Security:Users:0:PasswordHash"] = QuickHash,
            ["HotSpots:Security:Users:0:Role"] = "viewer",
            ["HotSpots:Security:Users:1:Name"] = AnalystUser,
            ["HotSpots:Security:Users:1:PasswordHash"] = QuickHash,
            ["HotSpots:Security:Users:1:Role"] = "analyst",
            ["HotSpots:Security:Users:2:Name"] = AdminUser,
            ["HotSpots:Security:Users:2:PasswordHash"] = QuickHash,
            ["HotSpots:Security:Users:2:Role"] = "admin",
            ["urls"] = "http://127.0.0.1:0",
            ["HotSpots:Cluster:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
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

    public string Directory { get; }

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

    public string StorePath => Path.Combine(Directory, "hotspots.db");

    /// <summary>A client that has signed in as a person, holding the session cookie and sending the header the dashboard sends.</summary>
    public async Task<HttpClient> SignedInAsync(string name, string password = Password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress };
        var response = await client.PostAsJsonAsync("/api/account/sign-in", new { name, password });
        response.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Add(RequestForgeryGuard.Header, "test");
        return client;
    }

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
        _ownDir?.Dispose();
    }
}
