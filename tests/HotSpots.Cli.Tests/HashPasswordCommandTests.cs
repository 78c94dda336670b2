using HotSpots.Application.Accounts;

namespace HotSpots.Cli.Tests;

public sealed class HashPasswordCommandTests
{
    [Fact]
    public async Task A_piped_password_becomes_a_hash_that_verifies_with_the_settings_to_paste()
    {
        using var input = new StringReader("meeting room wall screen\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLine.RunAsync(["hash-password", "--name", "jo", "--role", "analyst"], output, error, CancellationToken.None, input);

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("pbkdf2-sha256$600000$", lines[0]);
        Assert.True(PasswordHash.Verify("meeting room wall screen", lines[0]));
        Assert.False(PasswordHash.Verify("meeting room wall screen!", lines[0]));
        Assert.Contains("HotSpots__Security__Users__0__Name=jo", lines);
        Assert.Contains($"HotSpots__Security__Users__0__PasswordHash={lines[0]}", lines);
        Assert.Contains("HotSpots__Security__Users__0__Role=analyst", lines);
    }

    [Fact]
    public async Task A_short_password_or_an_unknown_role_is_refused_with_the_reason()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var weak = await CommandLine.RunAsync(["hash-password"], output, error, CancellationToken.None, new StringReader("short\n"));
        var role = await CommandLine.RunAsync(["hash-password", "--role", "boss"], output, error, CancellationToken.None, new StringReader("long enough password\n"));

        Assert.Equal(1, weak);
        Assert.Equal(2, role);
        Assert.Contains("at least 12 characters", error.ToString());
        Assert.Contains("--role 'boss' is not viewer, analyst or admin", error.ToString());
        Assert.Equal("", output.ToString());
    }
}
