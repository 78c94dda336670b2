using HotSpots.Application.Accounts;

namespace HotSpots.Application.Tests.Accounts;

public sealed class PasswordVerifierTests
{
    private static readonly string Hash = PasswordHash.Create("the right passphrase", iterations: 1_000);

    [Fact]
    public async Task The_right_password_matches_and_a_wrong_one_does_not()
    {
        using var verifier = new PasswordVerifier(new PasswordHashingOptions());

        Assert.Equal(PasswordCheck.Matches, await verifier.VerifyAsync("the right passphrase", Hash));
        Assert.Equal(PasswordCheck.DoesNotMatch, await verifier.VerifyAsync("a wrong passphrase", Hash));
    }

    [Fact]
    public async Task A_check_beyond_the_workers_and_the_queue_is_answered_busy_at_once()
    {
        using var verifier = new PasswordVerifier(new PasswordHashingOptions { Workers = 1, QueueLimit = 1 });
        // Slow enough that the worker is still on the first check when the third is asked for.
        var slow = PasswordHash.Create("slow passphrase", iterations: 2_000_000);

        var first = verifier.VerifyAsync("slow passphrase", slow);
        var second = verifier.VerifyAsync("slow passphrase", slow);
        var third = verifier.VerifyAsync("slow passphrase", slow);

        Assert.True(third.IsCompleted);
        Assert.Equal(PasswordCheck.Busy, await third);
        Assert.Equal(PasswordCheck.Matches, await first);
        Assert.Contains(await second, new[] { PasswordCheck.Matches, PasswordCheck.Busy });
    }
}
