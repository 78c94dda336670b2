using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using HotSpots.Store;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Security;

/// <summary>
/// The dashboard sessions that are live, kept in the store: a session cookie is honoured only while its session is
/// listed there, so signing out, changing a password or an administrator's revocation ends it even in a copy of the
/// cookie, and every session ends at <see cref="SecurityOptions.SessionLifetime"/> after sign-in however active it is.
/// Only hashes of ids are kept. Nodes sharing a PostgreSQL database share the list, so an ending made on one node
/// holds on every node within <see cref="Recheck"/>.
/// </summary>
public sealed class SessionRegistry
{
    /// <summary>
    /// How long a node trusts that a session it has found live is still live, so a dashboard's burst of requests
    /// costs one store read; an ending made on another node is seen within this time (on this node, at once).
    /// </summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _trustedUntil = new();
    private readonly ISessionStore _store;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    public SessionRegistry(ISessionStore store, IOptions<SecurityOptions> security, TimeProvider time)
    {
        _store = store;
        _lifetime = security.Value.SessionLifetime;
        _time = time;
    }

    /// <summary>Starts a session for a person; the id goes in their cookie.</summary>
    public async Task<string> StartAsync(string name)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = _time.GetUtcNow();
        await _store.PurgeExpiredSessionsAsync(now);
        await _store.StartSessionAsync(Hash(id), name, now + _lifetime);
        foreach (var stale in _trustedUntil.Where(t => t.Value <= now)) _trustedUntil.TryRemove(stale);
        return id;
    }

    /// <summary>Whether a cookie's session is still live: not ended, and within its lifetime.</summary>
    public async Task<bool> IsLiveAsync(string? id)
    {
        if (id is null) return false;
        var hash = Hash(id);
        var now = _time.GetUtcNow();
        if (_trustedUntil.TryGetValue(hash, out var until) && until > now) return true;
        if (await _store.LiveUntilAsync(hash, now) is not { } ends)
        {
            _trustedUntil.TryRemove(hash, out _);
            return false;
        }
        _trustedUntil[hash] = ends < now + Recheck ? ends : now + Recheck;
        return true;
    }

    public async Task EndAsync(string id)
    {
        var hash = Hash(id);
        await _store.EndSessionAsync(hash);
        _trustedUntil.TryRemove(hash, out _);
    }

    /// <summary>Ends every session of a person; how many there were.</summary>
    public async Task<int> EndAllAsync(string name)
    {
        var ended = await _store.EndSessionsAsync(name);
        // Only hashes are cached, not whose they are, so this node forgets all it trusts and asks the store again.
        _trustedUntil.Clear();
        return ended;
    }

    /// <summary>Only a hash is kept, so the store alone never yields a usable session id.</summary>
    private static string Hash(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
