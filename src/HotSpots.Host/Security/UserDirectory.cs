using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HotSpots.Application.Accounts;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Security;

/// <summary>A person who may sign in. <paramref name="MustChangePassword"/> is set for a first admin's one-time password.</summary>
public sealed record UserAccount(string Name, string Role, string PasswordHash, bool MustChangePassword)
{
    /// <summary>Changes whenever the password or role does, so a session issued before a change stops being accepted.</summary>
    public string Stamp => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{Role}|{PasswordHash}")))[..16];
}

/// <summary>
/// The dashboard's users: those configured under <c>HotSpots:Security:Users</c>, or, when none are, a first admin kept
/// in a file beside the database with a one-time password printed at start that must be changed at first sign-in.
/// Configured users are checked at start, so a mistyped role or hash stops the service with the reason.
/// </summary>
public sealed class UserDirectory
{
    public const string FirstAdminName = "admin";

    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _lock = new();
    private readonly Dictionary<string, UserAccount> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly string? _firstAdminPath;

    public UserDirectory(IOptions<SecurityOptions> security, IOptions<SqliteStoreOptions> store)
    {
        var options = security.Value;
        var configured = options.Users.Where(u => !string.IsNullOrWhiteSpace(u.Name) || !string.IsNullOrWhiteSpace(u.PasswordHash)).ToList();
        if (configured.Count > 0)
        {
            var problems = new List<string>();
            for (var i = 0; i < options.Users.Count; i++)
            {
                var u = options.Users[i];
                if (string.IsNullOrWhiteSpace(u.Name) && string.IsNullOrWhiteSpace(u.PasswordHash)) continue;
                var at = $"HotSpots:Security:Users:{i}";
                if (string.IsNullOrWhiteSpace(u.Name)) problems.Add($"{at}:Name is empty");
                else if (_users.ContainsKey(u.Name.Trim())) problems.Add($"{at}:Name '{u.Name}' is configured twice");
                if (!PasswordHash.IsWellFormed(u.PasswordHash)) problems.Add($"{at}:PasswordHash is not a hash made by 'hotspots hash-password'");
                if (Roles.Implied(u.Role).Length == 0) problems.Add($"{at}:Role '{u.Role}' is not viewer, analyst or admin");
                if (!string.IsNullOrWhiteSpace(u.Name)) _users[u.Name.Trim()] = new UserAccount(u.Name.Trim(), u.Role, u.PasswordHash, false);
            }
            if (problems.Count > 0) throw new InvalidOperationException("Dashboard users are misconfigured: " + string.Join("; ", problems));
            return;
        }

        _firstAdminPath = options.FirstAdminPath
            ?? store.Value.Beside("hotspots-first-admin.json");
        var saved = File.Exists(_firstAdminPath) ? JsonSerializer.Deserialize<SavedAdmin>(File.ReadAllText(_firstAdminPath), FileJson) : null;
        if (saved is null || !PasswordHash.IsWellFormed(saved.PasswordHash))
        {
            OneTimePassword = NewPassword();
            saved = new SavedAdmin(FirstAdminName, PasswordHash.Create(OneTimePassword), true);
            Save(saved);
        }
        _users[saved.Name] = new UserAccount(saved.Name, Roles.Admin, saved.PasswordHash, saved.MustChangePassword);
    }

    /// <summary>The first admin's one-time password, when it was created by this start (it is printed once, never stored).</summary>
    public string? OneTimePassword { get; }

    /// <summary>The first admin's file, when users are not configured.</summary>
    public string? FirstAdminPath => _firstAdminPath;

    public UserAccount? Find(string name)
    {
        lock (_lock) return _users.GetValueOrDefault(name.Trim());
    }

    /// <summary>Sets a first admin's own password. Configured users change theirs in configuration, where it lives.</summary>
    public UserAccount ChangePassword(UserAccount user, string newPassword)
    {
        if (_firstAdminPath is null) throw new InvalidOperationException("configured users' passwords are changed in configuration");
        var changed = user with { PasswordHash = PasswordHash.Create(newPassword), MustChangePassword = false };
        lock (_lock)
        {
            Save(new SavedAdmin(changed.Name, changed.PasswordHash, false));
            _users[changed.Name] = changed;
        }
        return changed;
    }

    private void Save(SavedAdmin admin)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_firstAdminPath)!);
        var temp = _firstAdminPath + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(admin, FileJson));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, _firstAdminPath!, overwrite: true);
    }

    /// <summary>Four groups of four from an alphabet without look-alikes (no 0/O, 1/l/I), easy to read off a console.</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems(alphabet.AsSpan(), 16);
        return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
    }

    private sealed record SavedAdmin(string Name, string PasswordHash, bool MustChangePassword);
}
