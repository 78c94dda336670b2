using System.Xml.Linq;
using HotSpots.Store;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace HotSpots.Host.Security;

/// <summary>
/// Keeps the keys that protect session cookies in the store, so every node sharing it reads a cookie another node
/// wrote, and a restart keeps sessions. Without a key-encryption certificate (none on Linux by default) the keys rest
/// unencrypted, so the store is as secret as the generated API keys file.
/// </summary>
public sealed class SessionKeyRepository : IXmlRepository
{
    private readonly ISessionStore _store;

    /// <summary>
    /// Earlier versions kept the keys in a folder beside the SQLite store: its keys move into the store once and the
    /// folder goes, so cookies issued before an upgrade stay good and no second copy of the keys is left on disk.
    /// </summary>
    public SessionKeyRepository(ISessionStore store, string legacyFolder)
    {
        _store = store;
        if (!Directory.Exists(legacyFolder)) return;
        foreach (var file in Directory.EnumerateFiles(legacyFolder, "*.xml").Order(StringComparer.Ordinal))
            StoreElement(XElement.Load(file), Path.GetFileNameWithoutExtension(file));
        Directory.Delete(legacyFolder, recursive: true);
    }

    // Data protection asks synchronously, and only when it loads or rotates its key ring (rarely), so blocking is cheap.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. _store.KeysAsync().GetAwaiter().GetResult().Select(XElement.Parse)];

    public void StoreElement(XElement element, string friendlyName) =>
        _store.AddKeyAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
}
