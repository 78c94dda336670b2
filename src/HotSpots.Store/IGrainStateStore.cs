namespace HotSpots.Store;

/// <summary>A grain's stored state: an opaque payload and the version it was written as.</summary>
public sealed record StoredState(byte[] Payload, string ETag);

/// <summary>A write or clear found a version other than the one expected: another activation wrote in between.</summary>
public sealed class StateConflictException(string message) : Exception(message);

/// <summary>
/// Checkpoints of derived state (the grains' rolling counts, the log reader's position) beside the incidents. Written
/// with optimistic concurrency: a write names the version it replaces (null: none stored yet).
/// </summary>
public interface IGrainStateStore
{
    Task<StoredState?> ReadAsync(string kind, string key, CancellationToken cancellationToken = default);

    /// <summary>Stores a payload in place of version <paramref name="expectedETag"/>; returns the new version.</summary>
    Task<string> WriteAsync(string kind, string key, byte[] payload, string? expectedETag, CancellationToken cancellationToken = default);

    Task ClearAsync(string kind, string key, string? expectedETag, CancellationToken cancellationToken = default);
}
