using HotSpots.Application.Accounts;

namespace HotSpots.Application.Tests.Accounts;

public sealed class PasswordHashTests
{
    [Fact]
    public void A_hash_verifies_its_password_only_and_two_hashes_of_one_password_differ()
    {
        var one = PasswordHash.Create("correct horse battery", iterations: 2_000);
        var two = PasswordHash.Create("correct horse battery", iterations: 2_000);

        Assert.NotEqual(one, two);
        Assert.True(PasswordHash.Verify("correct horse battery", one));
        Assert.True(PasswordHash.Verify("correct horse battery", two));
        Assert.False(PasswordHash.Verify("correct horse batterY", one));
    }

    [Theory]
    [InlineData("")]
    [InlineData("correct horse battery")]
    [InlineData("pbkdf2-sha256$x$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAA")]
    [InlineData("md5$1000$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")]
    public void Anything_that_is_not_a_hash_is_refused_rather_than_compared(string hash)
    {
        Assert.False(PasswordHash.IsWellFormed(hash));
        Assert.False(PasswordHash.Verify("correct horse battery", hash));
    }

    [Theory]
    [InlineData("short", "at least 12 characters")]
    [InlineData("aaaaaaaaaaaaaaaa", "five different characters")]
    [InlineData("password1234", "one of the first a guesser tries")]
    [InlineData("Qwerty!2024!", "one of the first a guesser tries")]
    [InlineData("123456789012", "one of the first a guesser tries")]
    [InlineData("adminadminadmin", "one of the first a guesser tries")]
    [InlineData("Hotspots2026!", "one of the first a guesser tries")]
    [InlineData("a sensible passphrase", null)]
    [InlineData("password manager for jo", null)]
    public void Weak_passwords_are_named(string password, string? reason)
    {
        var weakness = PasswordHash.Weakness(password);
        if (reason is null) Assert.Null(weakness);
        else Assert.Contains(reason, weakness);
    }
}
