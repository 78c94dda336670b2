using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HotSpots.Host.Security;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Tests.Security;

public sealed class SessionRegistryTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private SqliteIncidentStore _store = null!;

    private SqliteStoreOptions StoreOptions => new() { Path = _dir.File("hotspots.db") };

    public async Task InitializeAsync() => _store = await SqliteIncidentStore.OpenAsync(StoreOptions, _time);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }

    private SessionRegistry Registry() => new(new SqliteSessionStore(_store),
        Options.Create(new SecurityOptions { SessionLifetime = TimeSpan.FromHours(12) }), _time);

    private LegacySessionFiles Legacy() => new(new SqliteSessionStore(_store), Options.Create(StoreOptions), _time);

    [Fact]
    public async Task A_session_ends_at_its_lifetime_however_active_it_is()
    {
        var sessions = Registry();
        var id = await sessions.StartAsync("vera");

        _time.Advance(TimeSpan.FromHours(11.9));
        Assert.True(await sessions.IsLiveAsync(id));
        _time.Advance(TimeSpan.FromHours(0.1));
        Assert.False(await sessions.IsLiveAsync(id));
    }

    [Fact]
    public async Task Ending_all_of_a_persons_sessions_leaves_other_peoples()
    {
        var sessions = Registry();
        var phone = await sessions.StartAsync("vera");
        var desk = await sessions.StartAsync("Vera");
        var other = await sessions.StartAsync("anil");
        Assert.True(await sessions.IsLiveAsync(phone));

        Assert.Equal(2, await sessions.EndAllAsync("VERA"));

        Assert.False(await sessions.IsLiveAsync(phone));
        Assert.False(await sessions.IsLiveAsync(desk));
        Assert.True(await sessions.IsLiveAsync(other));
    }

    [Fact]
    public async Task An_ending_on_another_node_holds_here_once_the_recheck_time_has_passed()
    {
        var here = Registry();
        var elsewhere = Registry();
        var id = await here.StartAsync("vera");
        Assert.True(await here.IsLiveAsync(id));

        await elsewhere.EndAsync(id);

        _time.Advance(SessionRegistry.Recheck);
        Assert.False(await here.IsLiveAsync(id));
    }

    [Fact]
    public async Task Sessions_outlive_a_restart_and_the_store_holds_no_usable_id()
    {
        var id = await Registry().StartAsync("vera");
        var ended = await Registry().StartAsync("anil");
        await Registry().EndAsync(ended);

        var again = Registry();

        Assert.True(await again.IsLiveAsync(id));
        Assert.False(await again.IsLiveAsync(ended));
        Assert.All(Contents(), bytes => Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id))));
    }

    [Fact]
    public async Task Live_sessions_listed_in_an_older_install_s_file_move_into_the_store_once()
    {
        const string live = "live-session-id", expired = "expired-session-id";
        var file = _dir.File(LegacySessionFiles.SessionsFile);
        File.WriteAllText(file, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            [Hash(live)] = new { name = "vera", ends = _time.GetUtcNow().AddHours(1) },
            [Hash(expired)] = new { name = "anil", ends = _time.GetUtcNow().AddHours(-1) },
        }));

        await Legacy().ImportAsync();

        var sessions = Registry();
        Assert.False(File.Exists(file));
        Assert.True(await sessions.IsLiveAsync(live));
        Assert.False(await sessions.IsLiveAsync(expired));
    }

    [Fact]
    public async Task Cookie_keys_in_an_older_install_s_folder_move_into_the_store_once()
    {
        var folder = Directory.CreateDirectory(_dir.File(LegacySessionFiles.KeysFolder)).FullName;
        File.WriteAllText(Path.Combine(folder, "key-1.xml"), "<key id=\"1\" />");

        await Legacy().ImportAsync();

        var keys = new SessionKeyRepository(new SqliteSessionStore(_store));
        Assert.False(Directory.Exists(folder));
        Assert.Equal("1", Assert.Single(keys.GetAllElements()).Attribute("id")?.Value);
    }

    private static string Hash(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private IEnumerable<byte[]> Contents() =>
        Directory.EnumerateFiles(_dir.Path, "hotspots.db*").Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
}
