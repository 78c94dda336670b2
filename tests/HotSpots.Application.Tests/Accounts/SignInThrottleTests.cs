using HotSpots.Application.Accounts;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Tests.Accounts;

public sealed class SignInThrottleTests
{
    private const string Here = "192.0.2.1";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_fifth_failure_within_the_window_locks_the_name_for_the_lock_duration()
    {
        var throttle = new SignInThrottle(Options.Create(new LockoutOptions()), _time);
        for (var i = 0; i < 4; i++) Assert.Null(throttle.Failed("Vera", Here));

        var until = throttle.Failed("vera", Here);

        Assert.Equal(_time.GetUtcNow().AddMinutes(15), until);
        Assert.Equal(until, throttle.LockedUntil("VERA", Here));
        Assert.Null(throttle.LockedUntil("anil", Here));
        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(throttle.LockedUntil("vera", Here));
    }

    [Fact]
    public void Failures_spread_wider_than_the_window_do_not_lock()
    {
        var throttle = new SignInThrottle(Options.Create(new LockoutOptions()), _time);
        for (var i = 0; i < 8; i++)
        {
            Assert.Null(throttle.Failed("vera", Here));
            _time.Advance(TimeSpan.FromMinutes(4));
        }
        Assert.Null(throttle.LockedUntil("vera", Here));
    }

    [Fact]
    public void A_success_clears_the_count()
    {
        var throttle = new SignInThrottle(Options.Create(new LockoutOptions { MaxFailures = 3 }), _time);
        throttle.Failed("vera", Here);
        throttle.Failed("vera", Here);

        throttle.Succeeded("vera", Here);

        Assert.Null(throttle.Failed("vera", Here));
        Assert.Null(throttle.Failed("vera", Here));
        Assert.NotNull(throttle.Failed("vera", Here));
    }

    [Fact]
    public void A_flood_of_invented_names_never_holds_more_than_the_most_records()
    {
        var throttle = new SignInThrottle(Options.Create(new LockoutOptions { MaxRecords = 100 }), _time);

        for (var i = 0; i < 5_000; i++) throttle.Failed($"invented-{i}", Here);

        Assert.Equal(100, throttle.Count);
    }

    [Fact]
    public void A_full_table_drops_unlocked_names_before_a_locked_one()
    {
        var throttle = new SignInThrottle(Options.Create(new LockoutOptions { MaxRecords = 10, MaxFailures = 2 }), _time);
        throttle.Failed("vera", Here);
        var until = throttle.Failed("vera", Here);

        for (var i = 0; i < 100; i++) throttle.Failed($"invented-{i}", Here);

        Assert.NotNull(until);
        Assert.Equal(until, throttle.LockedUntil("vera", Here));
    }

    [Fact]
    public void Names_whose_window_and_lock_have_passed_are_forgotten_when_room_is_needed()
    {
        var throttle = new SignInThrottle(Options.Create(new LockoutOptions { MaxRecords = 3 }), _time);
        throttle.Failed("a", Here);
        throttle.Failed("b", Here);
        throttle.Failed("c", Here);
        _time.Advance(TimeSpan.FromMinutes(16));

        throttle.Failed("d", Here);

        Assert.Equal(1, throttle.Count);
    }

    [Fact]
    public void A_name_longer_than_any_user_name_is_not_remembered()
    {
        var throttle = new SignInThrottle(Options.Create(new LockoutOptions()), _time);

        Assert.Throws<ArgumentOutOfRangeException>(() => throttle.Failed(new string('x', SignInThrottle.MaxNameLength + 1), Here));
        Assert.Equal(0, throttle.Count);
    }

    [Fact]
    public void Failures_from_one_address_lock_the_name_there_and_nowhere_else()
    {
        var throttle = new SignInThrottle(Options.Create(new LockoutOptions()), _time);
        for (var i = 0; i < 5; i++) throttle.Failed("admin", Here);

        Assert.NotNull(throttle.LockedUntil("admin", Here));
        Assert.Null(throttle.LockedUntil("admin", "198.51.100.7"));
    }
}
