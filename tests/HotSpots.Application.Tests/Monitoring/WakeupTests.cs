using HotSpots.Application.Monitoring;

namespace HotSpots.Application.Tests.Monitoring;

public class WakeupTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 15, 30, 0, TimeSpan.Zero));
    private readonly Wakeup _wakeup = new();

    [Fact]
    public async Task A_set_while_the_loop_was_busy_ends_the_next_wait_at_once_and_only_that_one()
    {
        _wakeup.Set();
        _wakeup.Set();

        Assert.True(await _wakeup.WaitAsync(TimeSpan.FromHours(1), _time, CancellationToken.None));
        var next = _wakeup.WaitAsync(TimeSpan.FromSeconds(1), _time, CancellationToken.None);
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await next);
    }

    [Fact]
    public async Task A_set_during_the_wait_ends_it_before_the_time_is_up()
    {
        var waiting = _wakeup.WaitAsync(TimeSpan.FromSeconds(1), _time, CancellationToken.None);

        _wakeup.Set();

        Assert.True(await waiting);
    }

    [Fact]
    public async Task Without_a_set_the_wait_lasts_exactly_its_timeout()
    {
        var waiting = _wakeup.WaitAsync(TimeSpan.FromSeconds(1), _time, CancellationToken.None);

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(await waiting);
    }

    [Fact]
    public async Task The_hourly_wait_ends_when_the_clock_hour_turns()
    {
        var waiting = _wakeup.WaitUntilNextHourAsync(_time, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await waiting);
    }

    [Fact]
    public async Task A_set_that_comes_after_the_time_is_up_is_kept_for_the_next_wait()
    {
        var waiting = _wakeup.WaitAsync(TimeSpan.FromSeconds(1), _time, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await waiting);

        _wakeup.Set();

        Assert.True(await _wakeup.WaitAsync(TimeSpan.FromHours(1), _time, CancellationToken.None));
    }

    [Fact]
    public async Task Cancelling_ends_the_wait_with_cancellation()
    {
        using var stop = new CancellationTokenSource();
        var waiting = _wakeup.WaitAsync(TimeSpan.FromHours(1), _time, stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
