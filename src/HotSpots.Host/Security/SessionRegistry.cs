using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Security;

/// <summary>
/// The dashboard sessions that are live, kept on the server: a session cookie is honoured only while its session is
/// listed here, so signing out, changing a password or an administrator's revocation ends it even in a copy of the
/// cookie, and every session ends at <see cref="SecurityOptions.SessionLifetime"/> after sign-in however active it is.
/// Kept in a file beside the store (mode 600, ids hashed) so sessions survive a restart as their cookies' keys do;
/// nodes that share a store share this file's folder too.
/// </summary>
public sealed class SessionRegistry
{
    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Session> _sessions;
    private readonly string _path;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    public SessionRegistry(IOptions<SecurityOptions> security, IOptions<SqliteStoreOptions> store, TimeProvider time)
    {
        _path = security.Value.SessionsPath ?? store.Value.Beside("hotspots-sessions.json");
        _lifetime = security.Value.SessionLifetime;
        _time = time;
        _sessions = File.Exists(_path)
            ? JsonSerializer.Deserialize<Dictionary<string, Session>>(File.ReadAllText(_path), FileJson) ?? []
            : [];
    }

    /// <summary>Starts a session for a person; the id goes in their cookie.</summary>
    public string Start(string name)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            foreach (var stale in _sessions.Where(s => s.Value.Ends <= now).Select(s => s.Key).ToList()) _sessions.Remove(stale);
            _sessions[Hash(id)] = new Session(name, now + _lifetime);
            Save();
        }
        return id;
    }

    /// <summary>Whether a cookie's session is still live: not ended, and within its lifetime.</summary>
    public bool IsLive(string? id)
    {
        if (id is null) return false;
        lock (_lock) return _sessions.TryGetValue(Hash(id), out var session) && session.Ends > _time.GetUtcNow();
    }

    public void End(string id)
    {
        lock (_lock)
        {
            if (_sessions.Remove(Hash(id))) Save();
        }
    }

    /// <summary>Ends every session of a person; how many there were.</summary>
    public int EndAll(string name)
    {
        lock (_lock)
        {
            var theirs = _sessions.Where(s => string.Equals(s.Value.Name, name, StringComparison.OrdinalIgnoreCase)).Select(s => s.Key).ToList();
            foreach (var key in theirs) _sessions.Remove(key);
            if (theirs.Count > 0) Save();
            return theirs.Count;
        }
    }

    /// <summary>Only a hash is kept, so the file alone never yields a usable session id.</summary>
    private static string Hash(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temp = _path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(_sessions, FileJson));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, _path, overwrite: true);
    }

    private sealed record Session(string Name, DateTimeOffset Ends);
}
