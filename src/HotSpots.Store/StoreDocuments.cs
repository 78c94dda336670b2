using System.Text.Json;
using System.Text.Json.Serialization;

namespace HotSpots.Store;

/// <summary>How every store writes documents (alerts, operations) as JSON, so a record reads the same from any of them.</summary>
public static class StoreDocuments
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
