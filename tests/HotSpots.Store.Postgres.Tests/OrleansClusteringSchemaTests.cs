using HotSpots.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace HotSpots.Store.Postgres.Tests;

public sealed class OrleansClusteringSchemaTests : IAsyncLifetime
{
    private const string ConnectionKey = "PostgresMembership";

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Silos_on_our_membership_tables_form_a_cluster_and_the_survivor_declares_a_killed_silo_dead()
    {
        await OrleansClusteringSchema.MigrateAsync(_database.DataSource);
        await OrleansClusteringSchema.MigrateAsync(_database.DataSource);
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[ConnectionKey] = _database.ConnectionString;
        builder.AddSiloBuilderConfigurator<PostgresMembership>();
        builder.AddClientBuilderConfigurator<PostgresMembership>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        Assert.Equal(2, (await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count);
        Assert.Equal(new[] { 3, 3 }, await StatusesAsync());

        // Without test membership there is no primary silo: every silo is an equal member of the table.
        var survivor = ((InProcessSiloHandle)cluster.Silos[0]).SiloHost.Services.GetRequiredService<IClusterMembershipService>();
        var killed = cluster.Silos[1].SiloAddress;
        await cluster.KillSiloAsync(cluster.Silos[1]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var snapshot in survivor.MembershipUpdates.WithCancellation(timeout.Token))
        {
            if (snapshot.GetSiloStatus(killed) == SiloStatus.Dead) break;
        }

        Assert.Equal(new[] { 3, 6 }, await StatusesAsync());
        Assert.Single(await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));
    }

    /// <summary>Each silo's status in the membership table (3 active, 6 dead), in order.</summary>
    private async Task<int[]> StatusesAsync()
    {
        await using var command = _database.DataSource.CreateCommand("SELECT Status FROM OrleansMembershipTable ORDER BY Status");
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new List<int>();
        while (await reader.ReadAsync()) statuses.Add(reader.GetInt32(0));
        return [.. statuses];
    }

    /// <summary>Silos and client on the ADO.NET provider over the test database, with failure detection shortened.</summary>
    private sealed class PostgresMembership : ISiloConfigurator, IHostConfigurator, IClientBuilderConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = silo.Configuration[ConnectionKey];
            });
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 1;
            });
        }

        public void Configure(IHostBuilder host)
        {
        }

        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = configuration[ConnectionKey];
            });
    }
}
