using System.Xml.Linq;
using HotSpots.Store;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace HotSpots.Host.Security;

/// <summary>
/// Keeps the keys that protect session cookies in the store, so every node sharing it reads a cookie another node
/// wrote, and a restart keeps sessions. Without a key-encryption certificate (none on Linux by default) the keys rest
/// unencrypted, so the store is as secret as the generated API keys file.
/// </summary>
public sealed class SessionKeyRepository(ISessionStore store) : IXmlRepository
{
    // Data protection asks synchronously, and only when it loads or rotates its key ring (rarely), so blocking is cheap.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. store.KeysAsync().GetAwaiter().GetResult().Select(XElement.Parse)];

    public void StoreElement(XElement element, string friendlyName) =>
        store.AddKeyAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
}
