using HotSpots.Application.Accounts;
using HotSpots.Testing;

namespace HotSpots.Application.Tests.Accounts;

public sealed class SignInThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_fifth_failure_within_the_window_locks_the_name_for_the_lock_duration()
    {
        var throttle = new SignInThrottle(new LockoutOptions(), _time);
        for (var i = 0; i < 4; i++) Assert.Null(throttle.Failed("Vera"));

        var until = throttle.Failed("vera");

        Assert.Equal(_time.GetUtcNow().AddMinutes(15), until);
        Assert.Equal(until, throttle.LockedUntil("VERA"));
        Assert.Null(throttle.LockedUntil("anil"));
        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(throttle.LockedUntil("vera"));
    }

    [Fact]
    public void Failures_spread_wider_than_the_window_do_not_lock()
    {
        var throttle = new SignInThrottle(new LockoutOptions(), _time);
        for (var i = 0; i < 8; i++)
        {
            Assert.Null(throttle.Failed("vera"));
            _time.Advance(TimeSpan.FromMinutes(4));
        }
        Assert.Null(throttle.LockedUntil("vera"));
    }

    [Fact]
    public void A_success_clears_the_count()
    {
        var throttle = new SignInThrottle(new LockoutOptions { MaxFailures = 3 }, _time);
        throttle.Failed("vera");
        throttle.Failed("vera");

        throttle.Succeeded("vera");

        Assert.Null(throttle.Failed("vera"));
        Assert.Null(throttle.Failed("vera"));
        Assert.NotNull(throttle.Failed("vera"));
    }
}
