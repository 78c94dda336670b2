using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HotSpots.Store.Sqlite;

/// <summary>
/// A write transaction on the writer connection that leaves the connection usable whatever fails inside it.
/// SQLite rolls a transaction back by itself on some errors (SQLITE_FULL and SQLITE_IOERR among them, at an insert or
/// at COMMIT). Microsoft.Data.Sqlite does not notice: its ROLLBACK then fails with "cannot rollback - no transaction is
/// active" and the connection keeps believing a transaction is open, so every later write failed as a nested
/// transaction until a restart. Here, a transaction SQLite has already ended is reopened just so that the ROLLBACK
/// finds one and the connection's own state is cleared. Microsoft.Data.Sqlite 11 notices some of those rollbacks itself
/// and then issues no ROLLBACK, which would leave the reopened transaction open: whatever is still open afterwards is
/// rolled back here.
/// </summary>
internal sealed class WriterTransaction : IDisposable
{
    private readonly SqliteConnection _connection;
    private bool _committed;

    public WriterTransaction(SqliteConnection connection)
    {
        _connection = connection;
        Transaction = connection.BeginTransaction(deferred: false);
    }

    public SqliteTransaction Transaction { get; }

    public void Commit()
    {
        Transaction.Commit();
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed && raw.sqlite3_get_autocommit(_connection.Handle) != 0) raw.sqlite3_exec(_connection.Handle, "BEGIN");
        Transaction.Dispose();
        if (!_committed && raw.sqlite3_get_autocommit(_connection.Handle) == 0) raw.sqlite3_exec(_connection.Handle, "ROLLBACK");
    }

    /// <summary>The fault behind an error that is about the file rather than the data written, or null.</summary>
    public static StoreFault? FaultOf(SqliteException error) => (error.SqliteErrorCode & 0xFF) switch
    {
        raw.SQLITE_FULL => StoreFault.Full,
        raw.SQLITE_READONLY => StoreFault.ReadOnly,
        raw.SQLITE_IOERR => StoreFault.IoError,
        raw.SQLITE_CANTOPEN => StoreFault.CannotOpen,
        raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB => StoreFault.Damaged,
        _ => null,
    };

    public static StoreUnavailableException Unavailable(StoreFault fault, string path, SqliteException error) => new(fault, path, fault switch
    {
        StoreFault.Full => $"storage full: no space left on the disk holding {path}; nothing of this write was stored",
        StoreFault.ReadOnly => $"storage read-only: {path} cannot be written; nothing of this write was stored",
        StoreFault.CannotOpen => $"storage unavailable: {path} or its -wal and -shm files beside it cannot be opened for writing ({error.Message})",
        StoreFault.Damaged => DamagedMessage(path, $"is damaged ({error.Message})"),
        _ => $"storage failing: the disk holding {path} reported an I/O error ({error.Message}); nothing of this write was stored",
    }, error);

    /// <summary>What to say of a store that must be restored from a backup: retrying cannot help.</summary>
    public static string DamagedMessage(string path, string problem) =>
        $"storage damaged: {path} {problem}; restore it from a backup (or move it aside to start with an empty store)";
}
