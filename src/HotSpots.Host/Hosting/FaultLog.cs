using HotSpots.Store;

namespace HotSpots.Host.Hosting;

/// <summary>Logs the store becoming unwritable (a full or read-only disk, an unreachable database) and writable again, once each.</summary>
internal sealed class FaultLog(StoreHealth health, ILogger<FaultLog> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        health.Changed += Report;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        health.Changed -= Report;
        return Task.CompletedTask;
    }

    private void Report(StoreUnavailableException? failure)
    {
        if (failure is null) log.LogWarning("Storage available again: writes to the store succeed");
        else log.LogError("{Summary}: {Message}. Writes (ingest, drills, alerts, operations) answer 503 and /health reports not ready until a write succeeds", failure.Summary, failure.Message);
    }
}
