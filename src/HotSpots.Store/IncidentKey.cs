using System.Globalization;
using System.Text;

namespace HotSpots.Store;

/// <summary>
/// The 64-bit idempotency key of (source, sourceId) under a store's secret. Stores index this rather than the two
/// strings: partner ids are random-looking, and a random-order index of long strings costs several times more per
/// insert than one of integers. Stores compare the strings when a key is already taken, so a collision is refused,
/// never merged.
/// </summary>
public static class IncidentKey
{
    /// <summary>Hashes "{characters in source}:{source}\n{sourceId}" as UTF-8; the length prefix keeps the pair unambiguous.</summary>
    public static long Of(ulong secret0, ulong secret1, ReadOnlySpan<byte> source, ReadOnlySpan<byte> sourceId)
    {
        Span<byte> prefix = stackalloc byte[12];
        Encoding.UTF8.GetCharCount(source).TryFormat(prefix, out var digits, provider: CultureInfo.InvariantCulture);
        prefix[digits++] = (byte)':';
        var length = digits + source.Length + 1 + sourceId.Length;
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        prefix[..digits].CopyTo(bytes);
        source.CopyTo(bytes[digits..]);
        bytes[digits + source.Length] = (byte)'\n';
        sourceId.CopyTo(bytes[(digits + source.Length + 1)..]);
        return (long)SipHash.Hash(secret0, secret1, bytes);
    }
}
