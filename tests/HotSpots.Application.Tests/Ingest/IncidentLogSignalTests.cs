using HotSpots.Application.Ingest;
using HotSpots.Domain.Incidents;
using HotSpots.Store;

namespace HotSpots.Application.Tests.Ingest;

public sealed class IncidentLogSignalTests
{
    private static IReadOnlyList<LoggedIncident> Run(long first, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new LoggedIncident(first + i, Category.AntiSocialBehaviour, OccurredAt.Exact(DateTimeOffset.UnixEpoch), 51.48, 0.32))];

    [Fact]
    public void Appends_that_committed_together_but_were_handed_over_out_of_order_are_taken_in_log_order()
    {
        var signal = new IncidentLogSignal();
        signal.Notify(Run(11, 5));
        signal.Notify(Run(1, 10));
        signal.Notify(Run(16, 1));

        var taken = new List<long>();
        while (signal.TryTake(out var appended, out _)) taken.Add(appended[0].Sequence);

        Assert.Equal([1L, 11, 16], taken);
    }

    [Fact]
    public async Task A_batch_beyond_what_it_may_hold_is_dropped_but_still_wakes_the_tailer_and_room_returns_once_one_is_taken()
    {
        var signal = new IncidentLogSignal(maxHeld: 10);
        signal.Notify(Run(1, 8));
        signal.Notify(Run(9, 5));

        Assert.True(await signal.WaitAsync(TimeSpan.FromHours(1), new FakeTimeProvider(), CancellationToken.None));
        Assert.True(signal.TryTake(out var kept, out _));
        Assert.Equal(1, kept[0].Sequence);
        Assert.False(signal.TryTake(out _, out _));
        signal.Notify(Run(9, 5));
        Assert.True(signal.TryTake(out var later, out _));
        Assert.Equal(9, later[0].Sequence);
    }
}
