using System.Security.Cryptography;
using System.Text;

namespace HotSpots.Application.Accounts;

/// <summary>
/// Password hashes as configuration holds them: <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (salt and hash in base64).
/// PBKDF2 because .NET has it built in and FIPS-approved; 600,000 iterations of SHA-256 is OWASP's figure. The
/// iteration count travels in the hash, so raising the default later does not invalidate hashes already issued.
/// </summary>
public static class PasswordHash
{
    public const int DefaultIterations = 600_000;
    public const int MinimumPasswordLength = 12;
    private const string Prefix = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Create(string password, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Prefix}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>Whether a hash has the shape <see cref="Create"/> gives, so a mistyped configuration fails at start.</summary>
    public static bool IsWellFormed(string? hash) => TryParse(hash, out _, out _, out _);

    public static bool Verify(string password, string hash)
    {
        if (!TryParse(hash, out var iterations, out var salt, out var expected)) return false;
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Why a new password is not good enough, or null when it is.</summary>
    public static string? Weakness(string? password) => password switch
    {
        null or "" => "a password is needed",
        { Length: < MinimumPasswordLength } => $"a password needs at least {MinimumPasswordLength} characters",
        _ when password.Distinct().Count() < 5 => "a password needs at least five different characters",
        _ when IsCommon(password) => "that password is one of the first a guesser tries (a common word or a keyboard run with digits); choose another",
        _ => null,
    };

    /// <summary>
    /// The words at the top of every leaked-password list, and this service's own names: a password that is one of
    /// them with digits or symbols around it (password1234, Qwerty!2024, 123456789012) falls to the first guesses.
    /// A short list, not a breach corpus: it catches what twelve characters alone do not.
    /// </summary>
    private static readonly string[] CommonWords =
    [
        "password", "passw0rd", "p@ssword", "p@ssw0rd", "qwerty", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abc", "abcdef",
        "letmein", "welcome", "admin", "administrator", "changeme", "iloveyou", "monkey", "dragon", "football", "baseball",
        "sunshine", "princess", "trustno1", "secret", "login", "hotspots", "thurrock", "essex", "",
    ];

    private static bool IsCommon(string password)
    {
        var core = password.Trim().ToLowerInvariant().Trim("0123456789!@#$%^&*()-_=+.,?;: ".ToCharArray());
        // Digits alone (or a repeated word) leave no core, or one made of a common word said again.
        return CommonWords.Any(word => core == word || (word.Length > 0 && core.Replace(word, "", StringComparison.Ordinal).Length == 0));
    }

    private static bool TryParse(string? hash, out int iterations, out byte[] salt, out byte[] expected)
    {
        iterations = 0;
        salt = expected = [];
        var parts = hash?.Split('$');
        if (parts is not [Prefix, var count, var saltText, var hashText] || !int.TryParse(count, out iterations) || iterations < 1) return false;
        try
        {
            salt = Convert.FromBase64String(saltText);
            expected = Convert.FromBase64String(hashText);
        }
        catch (FormatException)
        {
            return false;
        }
        return salt.Length >= 8 && expected.Length >= 16;
    }
}
