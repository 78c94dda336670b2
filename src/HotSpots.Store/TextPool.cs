using System.Text;

namespace HotSpots.Store;

/// <summary>
/// One string per distinct UTF-8 text, for the location descriptions handed to the monitors: police.uk repeats a few
/// tens of thousands of them over a million rows, and a new string per row cost the bulk import a fifth of its speed
/// in garbage collection. Bounded: when full it starts again. Used by a store's single writer only.
/// </summary>
public sealed class TextPool(int capacity = 200_000)
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<byte> utf8)
    {
        var lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        var length = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        Span<char> chars = length <= 512 ? stackalloc char[length] : new char[length];
        chars = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        if (lookup.TryGetValue(chars, out var known)) return known;
        if (_texts.Count >= capacity) _texts.Clear();
        var text = new string(chars);
        _texts[text] = text;
        return text;
    }
}
