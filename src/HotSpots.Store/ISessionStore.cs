namespace HotSpots.Store;

/// <summary>
/// Dashboard sessions and the keys that protect their cookies, kept in the store so that every node sharing it
/// honours a sign-in made on any of them and a sign-out or revocation made on any of them ends it everywhere.
/// Sessions are known only by a hash of their id; names compare without regard to case.
/// </summary>
public interface ISessionStore
{
    Task StartSessionAsync(string hash, string name, DateTimeOffset ends, CancellationToken cancellationToken = default);

    /// <summary>When a session ends, if it is live at <paramref name="now"/>; null if it was ended or has run out.</summary>
    Task<DateTimeOffset?> LiveUntilAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task EndSessionAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of a person; how many there were.</summary>
    Task<int> EndSessionsAsync(string name, CancellationToken cancellationToken = default);

    Task PurgeExpiredSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every data-protection key element, as XML, oldest first.</summary>
    Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a key element; adding one whose friendly name is already kept changes nothing.</summary>
    Task AddKeyAsync(string friendlyName, string xml, CancellationToken cancellationToken = default);
}
