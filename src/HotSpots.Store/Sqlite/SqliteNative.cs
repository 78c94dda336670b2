using System.Runtime.InteropServices;

namespace HotSpots.Store.Sqlite;

/// <summary>
/// The few SQLite calls on the append path, bound directly to the e_sqlite3 library that SQLitePCLRaw loads. Its
/// own calls reference-count a safe handle on every call and have SQLite copy every text (SQLITE_TRANSIENT), even
/// given UTF-8 spans; at a dozen calls per row that was most of a bulk import's database time. These calls are short
/// and never call back, so they skip the GC transition. Measured again on SQLitePCLRaw 3 (README, Benchmarks): the
/// import through its span calls was 17–30% slower. The WAL hook has no SQLitePCLRaw call at all. Everything else
/// goes through Microsoft.Data.Sqlite as usual.
/// </summary>
internal static unsafe partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_STATIC: the text stays valid and unchanged until the statement is stepped and reset.</summary>
    public static readonly nint Static = 0;

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64"), SuppressGCTransition]
    public static partial int BindInt64(nint statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int"), SuppressGCTransition]
    public static partial int BindInt32(nint statement, int index, int value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double"), SuppressGCTransition]
    public static partial int BindDouble(nint statement, int index, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text"), SuppressGCTransition]
    public static partial int BindText(nint statement, int index, byte* utf8, int length, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null"), SuppressGCTransition]
    public static partial int BindNull(nint statement, int index);

    /// <summary>Stepping does I/O and may wait on locks, so it keeps the GC transition.</summary>
    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset"), SuppressGCTransition]
    public static partial int Reset(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_changes"), SuppressGCTransition]
    public static partial int Changes(nint database);

    [LibraryImport(Library, EntryPoint = "sqlite3_last_insert_rowid"), SuppressGCTransition]
    public static partial long LastInsertRowId(nint database);

    /// <summary>Called after each commit with the log's size in pages; the argument is handed back as the first parameter.</summary>
    [LibraryImport(Library, EntryPoint = "sqlite3_wal_hook")]
    public static partial nint WalHook(nint database, delegate* unmanaged[Cdecl]<nint, nint, nint, int, int> callback, nint argument);
}
