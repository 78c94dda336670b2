namespace HotSpots.Store.Sqlite;

/// <summary>Bound from <c>HotSpots:Store:Sqlite</c>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file; created, with its folder, when missing.</summary>
    public string Path { get; set; } = "data/hotspots.db";
}
