using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

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

    /// <summary>
    /// The first key given twice in one object, with where it is (<c>$[3].category</c>), or null. Which of the two
    /// values counts is a guess (RFC 8259 leaves it open, and parsers differ), and a partner's system and ours must
    /// not read one incident differently, so such a body is refused. Found here rather than by the parser's own check
    /// so that the answer names the key and item in our words, whatever the runtime's message says.
    /// </summary>
    public static string? DuplicateKey(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name)) return $"{path}.{property.Name}";
                    if (DuplicateKey(property.Value, $"{path}.{property.Name}") is { } inner) return inner;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (DuplicateKey(item, $"{path}[{index++}]") is { } inner) return inner;
                }
                return null;
            default:
                return null;
        }
    }

    public static ProblemHttpResult DuplicateKeyProblem(string path) =>
        TypedResults.Problem(statusCode: 400, title: "Duplicate JSON key", detail: $"the key '{path[(path.LastIndexOf('.') + 1)..]}' is given twice at {path}; send each key once");

    /// <summary>
    /// An id sent as a JSON number, in one canonical form: <c>1000</c>, <c>1000.0</c> and <c>1e3</c> are one number
    /// to JSON, so they are one id, written as the whole number (the form a string id of it takes, so <c>"1000"</c>
    /// is that id too). A number that is not whole, or too long to hold exactly, is refused: it is no id.
    /// </summary>
    public static bool TryGetWholeNumber(JsonElement value, out string? text)
    {
        text = null;
        // Beyond 28 digits a decimal rounds, and two ids could meet in one.
        if (value.GetRawText().Count(char.IsAsciiDigit) > 28) return false;
        if (!value.TryGetDecimal(out var number) || decimal.Truncate(number) != number) return false;
        text = ((BigInteger)number).ToString(CultureInfo.InvariantCulture);
        return true;
    }

    public static string NotAnIdReason(string name) =>
        $"{name} must be a string or a whole number (a longer or fractional id belongs in a string)";
}
