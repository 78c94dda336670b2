using HotSpots.Domain.Heat;

namespace HotSpots.Domain.Tests.Heat;

public class HourlyRingTests
{
    [Fact]
    public void Counts_added_to_an_hour_are_summed_over_ranges_that_include_it()
    {
        var ring = new HourlyRing(24);
        ring.Add(1000);
        ring.Add(1000);
        ring.Add(1001);

        Assert.Equal(2, ring.Sum(1000, 1000));
        Assert.Equal(3, ring.Sum(990, 1001));
        Assert.Equal(0, ring.Sum(1002, 1010));
    }

    [Fact]
    public void Moving_past_the_ring_length_clears_the_hours_that_rolled_over()
    {
        var ring = new HourlyRing(24);
        ring.Add(1000, 5);
        ring.Add(1023, 1);
        Assert.Equal(6, ring.Sum(1000, 1023));

        ring.Add(1024, 2);

        Assert.Equal(0, ring.Sum(1000, 1000));
        Assert.Equal(3, ring.Sum(1000, 1024));
    }

    [Fact]
    public void An_hour_older_than_the_ring_holds_is_refused_and_not_counted()
    {
        var ring = new HourlyRing(24);
        ring.Add(1000);

        Assert.False(ring.Add(976));
        Assert.True(ring.Add(977));
        Assert.Equal(2, ring.Sum(0, 2000));
    }

    [Fact]
    public void A_jump_far_beyond_the_ring_length_leaves_only_the_new_hour()
    {
        var ring = new HourlyRing(24);
        for (var h = 0; h < 24; h++) ring.Add(h);

        ring.Add(10_000);

        Assert.Equal(1, ring.Sum(0, 20_000));
    }
}
