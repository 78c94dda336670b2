using System.Security.Cryptography;
using System.Text.Json;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Security;

/// <summary>
/// The first keys on a fresh install: a role with no configured key gets one generated, kept in a file beside the
/// database (readable by the service's user only) so that it stays the same across restarts, and printed at start.
/// Configuring keys for a role replaces its generated key.
/// </summary>
public sealed class GeneratedKeys(IOptions<SqliteStoreOptions> store) : IPostConfigureOptions<SecurityOptions>
{
    public string? IngestKey { get; private set; }

    public string? ViewerKey { get; private set; }

    public string? AdminKey { get; private set; }

    public void PostConfigure(string? name, SecurityOptions options)
    {
        // A blank key (an unset variable in a compose file, say) is no key, not a key that matches nothing.
        options.IngestKeys.RemoveAll(string.IsNullOrWhiteSpace);
        options.ViewerKeys.RemoveAll(string.IsNullOrWhiteSpace);
        options.AdminKeys.RemoveAll(string.IsNullOrWhiteSpace);
        options.AnalystKeys.RemoveAll(string.IsNullOrWhiteSpace);
        // Partners configured means ingest is configured: no key that may write any source is made up beside theirs.
        var ingestConfigured = options.IngestKeys.Count > 0 || options.Partners.Count > 0;
        if (ingestConfigured && options.ViewerKeys.Count > 0 && options.AdminKeys.Count > 0) return;
        var path = options.GeneratedKeysPath
            ?? store.Value.Beside("hotspots-keys.json");
        var saved = File.Exists(path) ? JsonSerializer.Deserialize<SavedKeys>(File.ReadAllText(path)) : null;
        var keys = new SavedKeys(saved?.IngestKey ?? NewKey(), saved?.ViewerKey ?? NewKey(), saved?.AdminKey ?? NewKey());
        if (saved != keys)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, JsonSerializer.Serialize(keys));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        if (!ingestConfigured) options.IngestKeys.Add(IngestKey = keys.IngestKey);
        if (options.ViewerKeys.Count == 0) options.ViewerKeys.Add(ViewerKey = keys.ViewerKey);
        if (options.AdminKeys.Count == 0) options.AdminKeys.Add(AdminKey = keys.AdminKey!);
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    /// <summary>Files written before admin keys existed have none; one is added to them.</summary>
    private sealed record SavedKeys(string IngestKey, string ViewerKey, string? AdminKey);
}
