using HotSpots.Application.Accounts;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Tests.Accounts;

public sealed class PasswordVerifierTests
{
    private static readonly string Hash = PasswordHash.Create("the right passphrase", iterations: 1_000);

    [Fact]
    public async Task The_right_password_matches_and_a_wrong_one_does_not()
    {
        using var verifier = new PasswordVerifier(Options.Create(new PasswordHashingOptions()));

        Assert.Equal(PasswordCheck.Matches, await verifier.VerifyAsync("the right passphrase", Hash));
        Assert.Equal(PasswordCheck.DoesNotMatch, await verifier.VerifyAsync("a wrong passphrase", Hash));
    }

    [Fact]
    public async Task A_check_beyond_the_workers_and_the_queue_is_answered_busy_at_once()
    {
        using var verifier = new PasswordVerifier(Options.Create(new PasswordHashingOptions { Workers = 1, QueueLimit = 1 }));
        // Slow enough that the worker is still on the first check when the third is asked for.
        var slow = PasswordHash.Create("slow passphrase", iterations: 2_000_000);

        // One check on the worker and one queued at most; which of the later two is refused depends on whether the
        // worker has taken the first yet, but by the third one has been, at once.
        var checks = Enumerable.Range(0, 3).Select(_ => verifier.VerifyAsync("slow passphrase", slow)).ToList();
        var answeredAtOnce = checks.Where(c => c.IsCompleted).ToList();

        Assert.NotEmpty(answeredAtOnce);
        Assert.All(answeredAtOnce, c => Assert.Equal(PasswordCheck.Busy, c.Result));
        Assert.Equal(PasswordCheck.Matches, await checks[0]);
    }
}
