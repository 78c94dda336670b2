using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace HotSpots.Store.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on its own connection and task. SQLite's automatic
/// checkpoint runs inside the commit that crosses its threshold, so the writer would wait for the copy and its fsync
/// before it could start the next batch; a passive checkpoint from here runs beside the writer instead (it never
/// blocks it, and copies only committed pages). Requests arriving while one runs are folded into the next.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>The log size, in pages (64 MiB of 16 KiB pages), that asks for a checkpoint.</summary>
    public const int PagesBeforeCheckpoint = 4096;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _requested = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private GCHandle _self;

    public WalCheckpointer(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var command = _connection.CreateCommand())
        {
            // Once a checkpoint has emptied it, the log file is cut back to this size rather than left at its peak.
            command.CommandText = "PRAGMA journal_size_limit = 67108864;";
            command.ExecuteNonQuery();
        }
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Takes over checkpointing from the writer connection: its commits report the log's size here instead of
    /// checkpointing themselves (installing a WAL hook replaces SQLite's automatic checkpoint).
    /// </summary>
    public unsafe void Attach(nint writer)
    {
        _self = GCHandle.Alloc(this);
        SqliteNative.WalHook(writer, &OnCommitted, GCHandle.ToIntPtr(_self));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnCommitted(nint self, nint database, nint name, int pages)
    {
        if (pages >= PagesBeforeCheckpoint) ((WalCheckpointer)GCHandle.FromIntPtr(self).Target!).Request();
        return 0;
    }

    public void Request()
    {
        if (_requested.CurrentCount == 0)
        {
            try
            {
                _requested.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit asked at the same moment; one checkpoint serves both.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _connection.DisposeAsync();
        if (_self.IsAllocated) _self.Free();
        _stop.Dispose();
        _requested.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                await _requested.WaitAsync(_stop.Token);
                try
                {
                    using var command = _connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    command.ExecuteNonQuery();
                }
                catch (SqliteException)
                {
                    // A checkpoint is housekeeping: the log stays valid without it, and the next commit asks again.
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
