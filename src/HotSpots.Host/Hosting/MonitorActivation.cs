using HotSpots.Application.Areas;
using HotSpots.Application.Monitoring;

namespace HotSpots.Host.Hosting;

/// <summary>
/// Brings the area grains up to the end of the log before the server takes requests (hosted services start before
/// Kestrel listens, and after the silo): the reader starts from its checkpoint, so only the log after it is read.
/// Then it keeps tailing, and on stopping has every grain checkpoint so the next start reads nothing again.
/// </summary>
internal sealed class MonitorActivation(IncidentLogTailer tailer, GeographyWatcher geography, ILogger<MonitorActivation> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        geography.Failed += error => logger.LogWarning(error, "Reading the store's geography failed; trying again at the next poll");
        var started = Environment.TickCount64;
        await tailer.StartAsync(cancellationToken);
        logger.LogInformation("Area grains brought up to sequence {Sequence} from the checkpoint at {Checkpoint} in {Milliseconds} ms",
            tailer.AppliedSequence, tailer.CheckpointedSequence, Environment.TickCount64 - started);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await tailer.CheckpointAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(tailer.RunAsync(stoppingToken), geography.RunAsync(stoppingToken));
}
