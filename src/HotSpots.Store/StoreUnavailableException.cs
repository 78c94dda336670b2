namespace HotSpots.Store;

public enum StoreFault
{
    /// <summary>No space left on the store's disk.</summary>
    Full,

    /// <summary>The store file or its file system cannot be written.</summary>
    ReadOnly,

    /// <summary>The disk reported an I/O error.</summary>
    IoError,

    /// <summary>The file, or the write-ahead log and shared-memory files beside it, could not be opened.</summary>
    CannotOpen,

    /// <summary>The file failed an integrity check, or SQLite found it corrupt: it must be restored, not retried.</summary>
    Damaged,

    /// <summary>Another server holds the store.</summary>
    InUse,

    /// <summary>The database server cannot be reached (stopped, restarting, or the network between is down).</summary>
    Unreachable,
}

/// <summary>A store that can try a small write, so a health check can tell when one that failed works again.</summary>
public interface IWriteProbe
{
    StoreHealth Health { get; }

    Task ProbeWriteAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A write the store could not make because of where it lives, not what was written: nothing of it was stored, and
/// the same write may succeed once the disk has room (or is writable) again. At start, also a store that cannot be
/// used at all (damaged, or held by another server). The message names the file.
/// </summary>
public sealed class StoreUnavailableException(StoreFault fault, string path, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public StoreFault Fault { get; } = fault;

    public string StorePath { get; } = path;

    /// <summary>The short words for an answer's title and the health check: "storage full", "storage read-only", "storage failing".</summary>
    public string Summary => Fault switch
    {
        StoreFault.Full => "storage full",
        StoreFault.ReadOnly => "storage read-only",
        StoreFault.CannotOpen => "storage unavailable",
        StoreFault.Damaged => "storage damaged",
        StoreFault.InUse => "storage in use",
        StoreFault.Unreachable => "storage unreachable",
        _ => "storage failing",
    };
}

/// <summary>
/// Whether the store's last write succeeded. A write that fails for want of space (or a writable disk) marks it
/// unavailable; the next write that succeeds marks it available again, so the service recovers by itself.
/// </summary>
public sealed class StoreHealth
{
    private StoreUnavailableException? _failure;

    /// <summary>Raised when the store becomes unavailable (with why) and when it is available again (with null).</summary>
    public event Action<StoreUnavailableException?>? Changed;

    /// <summary>Why the last write failed, or null when it succeeded.</summary>
    public StoreUnavailableException? Failure => Volatile.Read(ref _failure);

    public StoreUnavailableException Failed(StoreUnavailableException failure)
    {
        if (Interlocked.Exchange(ref _failure, failure) is null) Changed?.Invoke(failure);
        return failure;
    }

    public void Succeeded()
    {
        if (Volatile.Read(ref _failure) is not null && Interlocked.Exchange(ref _failure, null) is not null) Changed?.Invoke(null);
    }
}
