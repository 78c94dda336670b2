using HotSpots.Host.Security;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Tests.Security;

public sealed class SessionRegistryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private SessionRegistry Registry() => new(
        Options.Create(new SecurityOptions { SessionsPath = _dir.File("sessions.json"), SessionLifetime = TimeSpan.FromHours(12) }),
        Options.Create(new SqliteStoreOptions()), _time);

    [Fact]
    public void A_session_ends_at_its_lifetime_however_active_it_is()
    {
        var sessions = Registry();
        var id = sessions.Start("vera");

        _time.Advance(TimeSpan.FromHours(11.9));
        Assert.True(sessions.IsLive(id));
        _time.Advance(TimeSpan.FromHours(0.1));
        Assert.False(sessions.IsLive(id));
    }

    [Fact]
    public void Ending_all_of_a_persons_sessions_leaves_other_peoples()
    {
        var sessions = Registry();
        var phone = sessions.Start("vera");
        var desk = sessions.Start("Vera");
        var other = sessions.Start("anil");

        Assert.Equal(2, sessions.EndAll("VERA"));

        Assert.False(sessions.IsLive(phone));
        Assert.False(sessions.IsLive(desk));
        Assert.True(sessions.IsLive(other));
    }

    [Fact]
    public void Sessions_are_kept_in_a_file_only_the_service_can_read_and_it_holds_no_usable_id()
    {
        var id = Registry().Start("vera");
        var ended = Registry().Start("anil");
        Registry().End(ended);

        var again = Registry();

        Assert.True(again.IsLive(id));
        Assert.False(again.IsLive(ended));
        Assert.DoesNotContain(id, File.ReadAllText(_dir.File("sessions.json")));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.File("sessions.json")));
    }

    public void Dispose() => _dir.Dispose();
}
