namespace HotSpots.Application.Accounts;

/// <summary>Bound from <c>HotSpots:Security:Lockout</c>.</summary>
public sealed class LockoutOptions
{
    /// <summary>Failed sign-ins for one name, within <see cref="Window"/>, that lock it.</summary>
    public int MaxFailures { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked name stays locked, even with the right password.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Most names remembered at once. Anyone can make the throttle remember a name, so this is what bounds its memory
    /// (with <see cref="SignInThrottle.MaxNameLength"/>): 10,000 names of at most 128 characters is a few megabytes.
    /// </summary>
    public int MaxRecords { get; set; } = 10_000;
}

/// <summary>
/// Locks a user name after repeated failed sign-ins. Names are counted whether or not they exist, so the answer never
/// tells a guesser which names are real; a success clears the count. Held in memory: a restart forgets failures, which
/// costs a guesser a restart per five guesses, and keeps a locked-out admin from needing the database to get back in.
/// A record is forgotten once its window and lock have both passed, and when <see cref="LockoutOptions.MaxRecords"/>
/// are held the stalest is dropped for a new one, so a flood of invented names cannot grow the server.
/// </summary>
public sealed class SignInThrottle(LockoutOptions options, TimeProvider time)
{
    /// <summary>Longest name worth counting; no user name is longer, so a longer one is refused before it is remembered.</summary>
    public const int MaxNameLength = 128;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Record> _records = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Names remembered now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _records.Count;
        }
    }

    /// <summary>When the name's lock ends, or null when it may try now.</summary>
    public DateTimeOffset? LockedUntil(string name)
    {
        lock (_lock)
        {
            return _records.TryGetValue(name, out var r) && r.LockedUntil > time.GetUtcNow() ? r.LockedUntil : null;
        }
    }

    /// <summary>Counts a failure; returns when the name is now locked until, if this failure locked it.</summary>
    public DateTimeOffset? Failed(string name)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, MaxNameLength, nameof(name));
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_records.TryGetValue(name, out var r) || IsStale(r, now))
            {
                if (r is null && _records.Count >= options.MaxRecords) MakeRoom(now);
                _records[name] = r = new Record(now);
            }
            r.Failures++;
            if (r.Failures < options.MaxFailures) return null;
            r.LockedUntil = now + options.Duration;
            r.Failures = 0;
            r.FirstFailure = now;
            return r.LockedUntil;
        }
    }

    public void Succeeded(string name)
    {
        lock (_lock) _records.Remove(name);
    }

    private bool IsStale(Record r, DateTimeOffset now) => now - r.FirstFailure > options.Window && r.LockedUntil <= now;

    /// <summary>
    /// Drops every stale record, or when none is stale the one whose lock ends first (unlocked ones first): under a
    /// flood that fills the table, the names most recently locked keep their locks longest.
    /// </summary>
    private void MakeRoom(DateTimeOffset now)
    {
        var stale = _records.Where(p => IsStale(p.Value, now)).Select(p => p.Key).ToList();
        foreach (var name in stale) _records.Remove(name);
        if (stale.Count > 0) return;
        var victim = _records.MinBy(p => (p.Value.LockedUntil, p.Value.FirstFailure)).Key;
        _records.Remove(victim);
    }

    private sealed class Record(DateTimeOffset firstFailure)
    {
        public DateTimeOffset FirstFailure { get; set; } = firstFailure;

        public int Failures { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
