using HotSpots.Application.Areas;
using HotSpots.Application.Monitoring;

namespace HotSpots.Host.Hosting;

/// <summary>A front node's start: the log's covered times are known before the server takes requests, then followed.</summary>
internal sealed class FrontActivation(LogFollower follower, GeographyWatcher geography, ILogger<FrontActivation> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        geography.Failed += error => logger.LogWarning(error, "Reading the store's geography failed; trying again at the next poll");
        await follower.CatchUpAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(follower.RunAsync(stoppingToken), geography.RunAsync(stoppingToken));
}
