using System.Text.Json;

namespace HotSpots.Host.Endpoints;

/// <summary>
/// Reads a JSON string value that may not be text. A well-formed document can still hold a lone surrogate escape
/// (<c>"\ud800"</c>) or a byte that is not UTF-8 inside a string, and <see cref="JsonElement.GetString"/> throws on
/// either; read through here, such a value rejects its own item instead of failing the whole request.
/// </summary>
internal static class JsonText
{
    public static string NotTextReason(string name) => $"{name} is not valid text (a lone surrogate or bytes that are not UTF-8)";

    public static bool TryGetString(JsonElement value, out string? text)
    {
        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }
}
