namespace HotSpots.Store.Sqlite;

/// <summary>Bound from <c>HotSpots:Store:Sqlite</c>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file; created, with its folder, when missing.</summary>
    public string Path { get; set; } = "data/hotspots.db";

    /// <summary>
    /// The purpose the caller needs. A new file is created with it (live when unset); opening an existing file of another
    /// purpose fails, so a replay can never be written into the live store. Unset accepts the file's own purpose.
    /// </summary>
    public StorePurpose? Purpose { get; set; }

    /// <summary>A file or folder kept beside the database (generated keys, the first admin, session keys).</summary>
    public string Beside(string name) => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!, name);
}
