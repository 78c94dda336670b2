using Npgsql;

namespace HotSpots.Store.Postgres;

/// <summary>
/// The data source a node's stores share. Unless the connection string sets its own Maximum Pool Size, the pool holds
/// at most <see cref="DefaultMaxPoolSize"/> connections: with Npgsql's 100, one node's grain activations opened a
/// hundred server processes at once (three nodes would pass PostgreSQL's default max_connections of 100), and starting
/// and stopping them cost a bulk import a quarter of its speed.
/// </summary>
public static class PostgresDataSource
{
    public const int DefaultMaxPoolSize = 20;

    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Keys lists only what the string set, under Npgsql's own name for each (its synonyms included).
        if (!builder.ConnectionStringBuilder.Keys.Cast<string>().Contains("Maximum Pool Size", StringComparer.OrdinalIgnoreCase))
            builder.ConnectionStringBuilder.MaxPoolSize = DefaultMaxPoolSize;
        return builder.Build();
    }
}
