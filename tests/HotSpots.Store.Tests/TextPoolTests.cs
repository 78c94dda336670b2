using System.Text;

namespace HotSpots.Store.Tests;

public sealed class TextPoolTests
{
    [Fact]
    public void The_same_text_comes_back_as_the_same_string_and_different_texts_as_their_own()
    {
        var pool = new TextPool();

        var first = pool.Get("On or near Orsett Road"u8);
        var again = pool.Get(Encoding.UTF8.GetBytes("On or near Orsett Road"));
        var other = pool.Get("On or near Grays Café"u8);

        Assert.Same(first, again);
        Assert.Equal("On or near Orsett Road", first);
        Assert.Equal("On or near Grays Café", other);
    }

    [Fact]
    public void A_full_pool_starts_again_rather_than_growing()
    {
        var pool = new TextPool(capacity: 2);
        var a = pool.Get("a"u8);
        pool.Get("b"u8);

        pool.Get("c"u8);

        Assert.NotSame(a, pool.Get("a"u8));
        Assert.Equal(new string('x', 600), pool.Get(Encoding.UTF8.GetBytes(new string('x', 600))));
    }
}
