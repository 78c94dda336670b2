using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;

namespace HotSpots.Grains;

public static class GrainsExtensions
{
    /// <summary>What every silo needs besides clustering: grain storage over the incident store and the live notifier.</summary>
    public static ISiloBuilder AddHotSpotsGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.Configure<CheckpointOptions>(configuration.GetSection("HotSpots:Monitoring"));
        silo.Services.Configure<NotifierOptions>(configuration.GetSection("HotSpots:Live"));
        silo.Services.AddGrainStorage(AreaGrain.StorageName, (sp, _) => ActivatorUtilities.CreateInstance<StoreGrainStorage>(sp));
        silo.Services.AddSingleton<LiveNotifier>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<LiveNotifier>());
        return silo;
    }
}
