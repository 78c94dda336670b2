using HotSpots.Store;
using HotSpots.Store.Postgres;
using HotSpots.Store.Sqlite;
using Npgsql;

namespace HotSpots.Host.Hosting;

/// <summary>Where every record is kept (<c>HotSpots:Store:Provider</c>).</summary>
public enum StoreProvider
{
    /// <summary>One SQLite file: the embedded default, one node.</summary>
    Sqlite,

    /// <summary>The PostgreSQL database of <c>ConnectionStrings:HotSpots</c>, shared by several nodes.</summary>
    Postgres,
}

/// <summary>What the start banner says about the store: a file's full path, or the database and its server.</summary>
public sealed record StoreDescription(string Text);

public static class StoreServices
{
    /// <summary>
    /// The incident log, grain state, alerts, operations and sessions on the configured provider. Registering them
    /// touches nothing: each store is opened (and its schema created or migrated) once at start by
    /// <see cref="StartupSteps"/>, so a store that cannot be reached stops the service rather than its first request.
    /// </summary>
    public static IServiceCollection AddStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SqliteStoreOptions>(configuration.GetSection("HotSpots:Store:Sqlite"));
        return configuration.GetValue("HotSpots:Store:Provider", StoreProvider.Sqlite) == StoreProvider.Postgres
            ? services.AddPostgresStores(configuration)
            : services.AddSqliteStores(configuration.GetSection("HotSpots:Store:Sqlite").Get<SqliteStoreOptions>() ?? new());
    }

    private static IServiceCollection AddSqliteStores(this IServiceCollection services, SqliteStoreOptions options)
    {
        // The lock is disposed after the store (the reverse of their making), so it is held until the file is closed.
        services.AddSingleton<StoreLock>();
        services.AddSingleton<SqliteIncidentStore>();
        services.AddSingleton<IStoreOpening, SqliteStoreOpening>();
        // The one SQLite store behind the others, registered once so it is disposed once.
        services.AddSingleton<IIncidentStore>(sp => sp.GetRequiredService<SqliteIncidentStore>());
        services.AddSingleton<IGrainStateStore, SqliteGrainStateStore>();
        services.AddSingleton<IAlertStore, SqliteAlertStore>();
        services.AddSingleton<IOperationStore, SqliteOperationStore>();
        services.AddSingleton<ISessionStore, SqliteSessionStore>();
        services.AddSingleton<ILocalityStore, SqliteLocalityStore>();
        services.AddSingleton(new StoreDescription(Path.GetFullPath(options.Path)));
        services.AddSingleton(sp => sp.GetRequiredService<SqliteIncidentStore>().Health);
        return services;
    }

    private static IServiceCollection AddPostgresStores(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("HotSpots");
        if (string.IsNullOrWhiteSpace(connection))
            throw new InvalidOperationException("HotSpots:Store:Provider is Postgres but ConnectionStrings:HotSpots is not set");
        services.Configure<PostgresStoreOptions>(o => (o.ConnectionString, o.Purpose) = (connection, configuration.GetValue<StorePurpose?>("HotSpots:Store:Purpose")));
        services.AddSingleton(_ => PostgresDataSource.Create(connection));
        services.AddSingleton<PostgresIncidentStore>();
        services.AddSingleton<PostgresGrainStateStore>();
        services.AddSingleton<PostgresAlertStore>();
        services.AddSingleton<PostgresOperationStore>();
        services.AddSingleton<PostgresSessionStore>();
        services.AddSingleton<PostgresLocalityStore>();
        services.AddSingleton<IStoreOpening, PostgresStoreOpening>();
        services.AddSingleton<IIncidentStore>(sp => sp.GetRequiredService<PostgresIncidentStore>());
        services.AddSingleton<IGrainStateStore>(sp => sp.GetRequiredService<PostgresGrainStateStore>());
        services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<PostgresAlertStore>());
        services.AddSingleton<IOperationStore>(sp => sp.GetRequiredService<PostgresOperationStore>());
        services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<PostgresSessionStore>());
        services.AddSingleton<ILocalityStore>(sp => sp.GetRequiredService<PostgresLocalityStore>());
        var builder = new NpgsqlConnectionStringBuilder(connection);
        services.AddSingleton(new StoreDescription($"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}"));
        services.AddSingleton(sp => sp.GetRequiredService<PostgresIncidentStore>().Health);
        return services;
    }
}
