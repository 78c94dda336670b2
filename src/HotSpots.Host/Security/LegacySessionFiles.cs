using System.Text.Json;
using System.Xml.Linq;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace HotSpots.Host.Security;

/// <summary>
/// Earlier versions listed sessions in a file, and kept the keys that protect session cookies in a folder, beside the
/// SQLite store. At start their live sessions and their keys move into the store once and the file and folder go, so
/// nobody signed in before an upgrade has to sign in again, cookies issued before it stay good, and no second copy of
/// the keys is left on disk.
/// </summary>
public sealed class LegacySessionFiles(ISessionStore store, IOptions<SqliteStoreOptions> sqlite, TimeProvider time)
{
    public const string SessionsFile = "hotspots-sessions.json";
    public const string KeysFolder = "session-keys";

    public async Task ImportAsync(CancellationToken cancellationToken = default)
    {
        await ImportSessionsAsync(sqlite.Value.Beside(SessionsFile), cancellationToken);
        await ImportKeysAsync(sqlite.Value.Beside(KeysFolder), cancellationToken);
    }

    private async Task ImportSessionsAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return;
        Dictionary<string, FileSession> sessions;
        await using (var file = File.OpenRead(path))
            sessions = await JsonSerializer.DeserializeAsync<Dictionary<string, FileSession>>(file, new JsonSerializerOptions(JsonSerializerDefaults.Web), cancellationToken) ?? [];
        var now = time.GetUtcNow();
        foreach (var (hash, session) in sessions.Where(s => s.Value.Ends > now))
            await store.StartSessionAsync(hash, session.Name, session.Ends, cancellationToken);
        File.Delete(path);
    }

    private async Task ImportKeysAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
        {
            XElement key;
            await using (var stream = File.OpenRead(file))
                key = await XElement.LoadAsync(stream, LoadOptions.None, cancellationToken);
            await store.AddKeyAsync(Path.GetFileNameWithoutExtension(file), key.ToString(SaveOptions.DisableFormatting), cancellationToken);
        }
        Directory.Delete(folder, recursive: true);
    }

    private sealed record FileSession(string Name, DateTimeOffset Ends);
}
