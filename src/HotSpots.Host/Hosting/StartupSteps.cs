using HotSpots.Application.Areas;
using HotSpots.Host.Security;

namespace HotSpots.Host.Hosting;

/// <summary>
/// What must be ready before this node serves or joins its cluster: the membership tables (PostgreSQL clustering), the
/// stores opened and migrated, older installs' session files moved into the store, and the first geography loaded.
/// It runs in <see cref="StartingAsync"/>, which the host finishes for every lifecycle service before it starts any
/// hosted service, so the Orleans silo (or client), the log reader and Kestrel all start after it. A step that fails
/// stops the start; the services' constructors touch neither disk nor database, so nothing ran before it.
/// </summary>
internal sealed class StartupSteps(
    IStoreOpening stores,
    LegacySessionFiles sessions,
    GeographyWatcher geography,
    ILogger<StartupSteps> logger,
    MembershipSchema? membership = null) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (membership is not null) await membership.MigrateAsync(cancellationToken);
        await stores.OpenAsync(cancellationToken);
        await sessions.ImportAsync(cancellationToken);
        foreach (var note in await geography.LoadAsync(cancellationToken)) logger.LogWarning("Geography: {Note}", note);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
