using HotSpots.Store;
using Microsoft.AspNetCore.Diagnostics;

namespace HotSpots.Host.Hosting;

/// <summary>
/// What the service does when its store cannot be written (a full disk, a read-only file system): every write answers
/// 503 with the reason and is never acknowledged, the log says so once in words, <c>/health</c> and <c>/health/ready</c> report not ready, and
/// the first write that succeeds (a request's, or the health check's probe) puts everything back.
/// </summary>
public static class StorageHealth
{
    public static IServiceCollection AddStorageHealth(this IServiceCollection services)
    {
        services.AddExceptionHandler<UnavailableAnswer>();
        services.AddHostedService<FaultLog>();
        return services;
    }

    /// <summary>The answer of <c>/health</c>: ready while the store can be written.</summary>
    internal static async Task<IResult> CheckAsync(IIncidentStore store, StoreHealth health, CancellationToken ct) =>
        await FailureAsync(store, health, ct) is { } failure
            ? Results.Json(new { status = failure.Summary, detail = failure.Message }, statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Ok(new { status = "ok" });

    /// <summary>Why the store cannot be written, or null; while it cannot, each call tries a small write to see whether it can again.</summary>
    internal static async Task<StoreUnavailableException?> FailureAsync(IIncidentStore store, StoreHealth health, CancellationToken ct)
    {
        if (health.Failure is not null)
        {
            try
            {
                if (store is IWriteProbe probe) await probe.ProbeWriteAsync(ct);
            }
            catch (StoreUnavailableException)
            {
                // Still unavailable: the failure returned says why.
            }
        }
        return health.Failure;
    }

    /// <summary>A write refused by the disk is the service's state, not a bug: 503 with the reason, without a stack trace in the log.</summary>
    private sealed class UnavailableAnswer(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not StoreUnavailableException unavailable) return false;
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "10";
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 503, Title = char.ToUpperInvariant(unavailable.Summary[0]) + unavailable.Summary[1..], Detail = unavailable.Message },
            });
        }
    }
}
