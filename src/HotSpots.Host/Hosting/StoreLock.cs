using HotSpots.Store;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Hosting;

/// <summary>
/// A server's claim on its SQLite store: an OS lock (flock, through <see cref="FileShare.None"/>) on
/// <c>&lt;store&gt;.server.lock</c> beside the file, held for the life of the process. Two servers on one file would
/// each tail the log and raise every alert twice. The OS drops the lock when the process ends, kill -9 included, so
/// there is never a stale lock to clear. It is the server's and not the store's: the import tool writes into the same
/// file while a server runs (SQLite's own locking keeps their writes apart), and never takes this lock.
/// </summary>
public sealed class StoreLock(IOptions<SqliteStoreOptions> options) : IDisposable
{
    private FileStream? _lock;

    /// <summary>Takes the lock, at start and before the store is opened: a second server is refused before it migrates or checks a file another one is writing.</summary>
    public void Take()
    {
        var storePath = Path.GetFullPath(options.Value.Path);
        var path = storePath + ".server.lock";
        try
        {
            _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StoreUnavailableException(StoreFault.ReadOnly, storePath,
                $"storage read-only: {path} cannot be created beside {storePath}; the service needs to write the store's folder", ex);
        }
        catch (IOException ex)
        {
            throw new StoreUnavailableException(StoreFault.InUse, storePath,
                $"storage in use: another HotSpots server holds {storePath} (it has {path} locked: {ex.Message}); stop it, or give this server its own HotSpots:Store:Sqlite:Path", ex);
        }
    }

    public void Dispose() => _lock?.Dispose();
}
