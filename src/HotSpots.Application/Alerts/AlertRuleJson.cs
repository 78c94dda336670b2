using System.Text.Json;

namespace HotSpots.Application.Alerts;

/// <summary>Rules as the store keeps them and as they travel to the cluster's alert desk: web-style JSON.</summary>
public static class AlertRuleJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(AlertRuleOptions rule) => JsonSerializer.Serialize(rule, Json);

    public static AlertRuleOptions Read(string json) => JsonSerializer.Deserialize<AlertRuleOptions>(json, Json)!;

    public static string WriteAll(IReadOnlyDictionary<string, AlertRuleOptions> rules) => JsonSerializer.Serialize(rules, Json);

    public static Dictionary<string, AlertRuleOptions> ReadAll(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, AlertRuleOptions>>(json, Json)!, StringComparer.OrdinalIgnoreCase);
}
