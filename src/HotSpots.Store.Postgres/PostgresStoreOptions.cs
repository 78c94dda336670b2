namespace HotSpots.Store.Postgres;

/// <summary>How the PostgreSQL stores reach their database; the connection string is <c>ConnectionStrings:HotSpots</c>.</summary>
public sealed class PostgresStoreOptions
{
    public string ConnectionString { get; set; } = "";

    /// <summary>As for the SQLite store: a new database takes this purpose (live when unset); another purpose is refused.</summary>
    public StorePurpose? Purpose { get; set; }
}
