namespace HotSpots.Store.Tests;

public class SipHashTests
{
    // The reference key 00 01 .. 0f, read as two little-endian words.
    private const ulong Key0 = 0x0706050403020100UL, Key1 = 0x0f0e0d0c0b0a0908UL;

    [Theory]
    [InlineData(0, 0x726fdb47dd0e0e31UL)]
    [InlineData(8, 0x93f5f5799a932462UL)]
    [InlineData(15, 0xa129ca6149be45e5UL)]
    public void It_matches_the_published_SipHash_2_4_test_vectors(int length, ulong expected)
    {
        var message = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        Assert.Equal(expected, SipHash.Hash(Key0, Key1, message));
    }

    [Fact]
    public void A_different_key_gives_a_different_hash_for_the_same_message()
    {
        var message = "essex-police"u8.ToArray();

        Assert.NotEqual(SipHash.Hash(Key0, Key1, message), SipHash.Hash(Key0 + 1, Key1, message));
    }
}
