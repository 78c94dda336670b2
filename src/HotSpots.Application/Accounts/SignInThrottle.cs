using Microsoft.Extensions.Options;

namespace HotSpots.Application.Accounts;

/// <summary>
/// Locks a user name, for the client address the failures came from, after repeated failed sign-ins. Per name and
/// address because per name alone let anyone lock anyone out (the admin included) with five requests; a guesser
/// spreading over addresses is slowed by the per-address rate limit instead. Names are counted whether or not they
/// exist, so the answer never tells a guesser which names are real; a success clears the count. Held in memory: a restart forgets failures, which
/// costs a guesser a restart per five guesses, and keeps a locked-out admin from needing the database to get back in.
/// A record is forgotten once its window and lock have both passed, and when <see cref="LockoutOptions.MaxRecords"/>
/// are held the stalest is dropped for a new one, so a flood of invented names cannot grow the server.
/// </summary>
public sealed class SignInThrottle(IOptions<LockoutOptions> configured, TimeProvider time)
{
    private readonly LockoutOptions _options = configured.Value;

    /// <summary>Longest name worth counting; no user name is longer, so a longer one is refused before it is remembered.</summary>
    public const int MaxNameLength = 128;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Name, string Client), Record> _records = new(new KeyComparer());

    /// <summary>Names remembered now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _records.Count;
        }
    }

    /// <summary>When the name's lock for this client ends, or null when it may try now.</summary>
    public DateTimeOffset? LockedUntil(string name, string client)
    {
        lock (_lock)
        {
            return _records.TryGetValue((name, client), out var r) && r.LockedUntil > time.GetUtcNow() ? r.LockedUntil : null;
        }
    }

    /// <summary>Counts a failure; returns when the name is now locked until for this client, if this failure locked it.</summary>
    public DateTimeOffset? Failed(string name, string client)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, MaxNameLength, nameof(name));
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_records.TryGetValue((name, client), out var r) || IsStale(r, now))
            {
                if (r is null && _records.Count >= _options.MaxRecords) MakeRoom(now);
                _records[(name, client)] = r = new Record(now);
            }
            r.Failures++;
            if (r.Failures < _options.MaxFailures) return null;
            r.LockedUntil = now + _options.Duration;
            r.Failures = 0;
            r.FirstFailure = now;
            return r.LockedUntil;
        }
    }

    public void Succeeded(string name, string client)
    {
        lock (_lock) _records.Remove((name, client));
    }

    private bool IsStale(Record r, DateTimeOffset now) => now - r.FirstFailure > _options.Window && r.LockedUntil <= now;

    /// <summary>
    /// Drops every stale record, or when none is stale the one whose lock ends first (unlocked ones first): under a
    /// flood that fills the table, the names most recently locked keep their locks longest.
    /// </summary>
    private void MakeRoom(DateTimeOffset now)
    {
        var stale = _records.Where(p => IsStale(p.Value, now)).Select(p => p.Key).ToList();
        foreach (var key in stale) _records.Remove(key);
        if (stale.Count > 0) return;
        var victim = _records.MinBy(p => (p.Value.LockedUntil, p.Value.FirstFailure)).Key;
        _records.Remove(victim);
    }

    /// <summary>Names are matched as sign-in matches them (ignoring case); client addresses exactly.</summary>
    private sealed class KeyComparer : IEqualityComparer<(string Name, string Client)>
    {
        public bool Equals((string Name, string Client) x, (string Name, string Client) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Name, y.Name) && StringComparer.Ordinal.Equals(x.Client, y.Client);

        public int GetHashCode((string Name, string Client) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Name), StringComparer.Ordinal.GetHashCode(key.Client));
    }

    private sealed class Record(DateTimeOffset firstFailure)
    {
        public DateTimeOffset FirstFailure { get; set; } = firstFailure;

        public int Failures { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
