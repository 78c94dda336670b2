namespace HotSpots.Application.Accounts;

/// <summary>Bound from <c>HotSpots:Security:Lockout</c>.</summary>
public sealed class LockoutOptions
{
    /// <summary>Failed sign-ins for one name, within <see cref="Window"/>, that lock it.</summary>
    public int MaxFailures { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked name stays locked, even with the right password.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Locks a user name after repeated failed sign-ins. Names are counted whether or not they exist, so the answer never
/// tells a guesser which names are real; a success clears the count. Held in memory: a restart forgets failures, which
/// costs a guesser a restart per five guesses, and keeps a locked-out admin from needing the database to get back in.
/// </summary>
public sealed class SignInThrottle(LockoutOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Record> _records = new(StringComparer.OrdinalIgnoreCase);

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
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_records.TryGetValue(name, out var r) || now - r.FirstFailure > options.Window) _records[name] = r = new Record(now);
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

    private sealed class Record(DateTimeOffset firstFailure)
    {
        public DateTimeOffset FirstFailure { get; set; } = firstFailure;

        public int Failures { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
