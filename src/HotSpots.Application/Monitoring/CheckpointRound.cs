using HotSpots.Grains;

namespace HotSpots.Application.Monitoring;

/// <summary>
/// One checkpoint of a reader's (area grains or cell tiles): the answers of the grains it sent something since its
/// last one. Collects which grains lost state (a gap, to be filled from the log), which have not yet written all they
/// were sent, and the position the grains' written states together cover: the one a restart may read the log after.
/// </summary>
internal sealed class CheckpointRound(long upTo)
{
    private readonly Lock _lock = new();

    /// <summary>Grains that hold less than their last batch, and what they hold.</summary>
    public Dictionary<string, long> Behind { get; } = new(StringComparer.Ordinal);

    /// <summary>Grains whose written state lacks some of what they were sent, and the position it holds.</summary>
    public Dictionary<string, long> Unwritten { get; } = new(StringComparer.Ordinal);

    public long Position { get; private set; } = upTo;

    /// <summary>A grain that was asked to write its checkpoint.</summary>
    public void Add(string key, AreaApplied result)
    {
        if (!result.Gap) return;
        lock (_lock) Behind[key] = result.Through;
    }

    /// <summary>
    /// A grain that was asked what it has written, having been sent everything up to <paramref name="sent"/>. One
    /// lacking an incident it holds keeps the position before that incident, so a restart reads it again.
    /// </summary>
    public void Add(string key, long sent, AreaWritten written)
    {
        lock (_lock)
        {
            if (written.Gap) Behind[key] = written.Written;
            else if (written.Written < sent)
            {
                Unwritten[key] = written.Written;
                if (written.FirstUnwritten is { } first) Position = Math.Min(Position, first - 1);
            }
        }
    }

    /// <summary>
    /// Where a restart takes a grain's last batch to have ended: what the grain has written when that is less than it
    /// was sent, so the batches read again after <see cref="Position"/> follow on from its written state.
    /// </summary>
    public long LastSent(string key, long sent) => Unwritten.TryGetValue(key, out var written) ? written : sent;
}
