using System.Globalization;
using System.Text.Json;
using HotSpots.Application.Ingest;

namespace HotSpots.Host.Endpoints;

/// <summary>
/// Reads one submitted item by hand rather than by model binding, so that a wrongly typed field rejects only its own
/// item with a reason that names the field. Unknown fields are ignored and never stored.
/// </summary>
internal static class SubmissionReader
{
    public static IncidentSubmission? Read(JsonElement item, out string? error)
    {
        error = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = "item is not a JSON object";
            return null;
        }
        var submission = new IncidentSubmission(
            Text(item, "source", ref error), Text(item, "sourceId", ref error), Text(item, "category", ref error),
            Text(item, "occurredAt", ref error), Number(item, "latitude", ref error), Number(item, "longitude", ref error),
            Number(item, "easting", ref error), Number(item, "northing", ref error), Text(item, "locationText", ref error),
            Text(item, "origin", ref error));
        return error is null ? submission : null;
    }

    private static string? Text(JsonElement item, string name, ref string? error)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String)
        {
            if (JsonText.TryGetString(value, out var text)) return text;
            error ??= JsonText.NotTextReason(name);
            return null;
        }
        // Source systems often send numeric ids; they are ids all the same, one id however the number is written.
        if (name == "sourceId")
        {
            if (value.ValueKind == JsonValueKind.Number && JsonText.TryGetWholeNumber(value, out var id)) return id;
            error ??= JsonText.NotAnIdReason(name);
            return null;
        }
        error ??= $"{name} must be a string";
        return null;
    }

    private static double? Number(JsonElement item, string name, ref string? error)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)) return number;
        if (value.ValueKind == JsonValueKind.String && JsonText.TryGetString(value, out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        error ??= $"{name} must be a number";
        return null;
    }
}
