namespace HotSpots.Application.Ingest;

/// <summary>
/// Wakes this node's log tailer as soon as something was appended here, so live pushes do not wait for the poll
/// that picks up other writers (the import tool, other nodes).
/// </summary>
public sealed class IncidentLogSignal
{
    private TaskCompletionSource _next = NewSource();

    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    /// <summary>A task that completes at the next <see cref="Notify"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
