using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Accounts;

public enum PasswordCheck
{
    Matches,
    DoesNotMatch,

    /// <summary>Every worker is busy and the queue is full: try again shortly.</summary>
    Busy,
}

/// <summary>
/// Checks passwords on its own threads. A PBKDF2 check costs a core for a few hundred milliseconds on purpose; run on
/// the request threads, a handful of anonymous sign-in loops took every core and ingest latency with them. Here they
/// share <see cref="PasswordHashingOptions.Workers"/> threads and a bounded queue, so a sign-in flood slows sign-in
/// (and is then refused as busy) while the rest of the service keeps its cores.
/// </summary>
public sealed class PasswordVerifier : IDisposable
{
    private readonly BlockingCollection<Work> _queue;
    private readonly Thread[] _workers;

    public PasswordVerifier(IOptions<PasswordHashingOptions> configured)
    {
        var options = configured.Value;
        _queue = new BlockingCollection<Work>(Math.Max(1, options.QueueLimit));
        _workers = [.. Enumerable.Range(0, Math.Max(1, options.Workers)).Select(i => new Thread(Run) { IsBackground = true, Name = $"password-hashing-{i}" })];
        foreach (var worker in _workers) worker.Start();
    }

    public Task<PasswordCheck> VerifyAsync(string password, string hash)
    {
        var work = new Work(password, hash, new TaskCompletionSource<PasswordCheck>(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.TryAdd(work) ? work.Result.Task : Task.FromResult(PasswordCheck.Busy);
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var worker in _workers) worker.Join();
        _queue.Dispose();
    }

    private void Run()
    {
        foreach (var work in _queue.GetConsumingEnumerable())
        {
            try
            {
                work.Result.SetResult(PasswordHash.Verify(work.Password, work.Hash) ? PasswordCheck.Matches : PasswordCheck.DoesNotMatch);
            }
            catch (Exception ex)
            {
                work.Result.SetException(ex);
            }
        }
    }

    private sealed record Work(string Password, string Hash, TaskCompletionSource<PasswordCheck> Result);
}
