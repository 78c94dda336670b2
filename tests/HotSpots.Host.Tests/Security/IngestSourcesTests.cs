using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Host.Tests.Infrastructure;

namespace HotSpots.Host.Tests.Security;

public sealed class IngestSourcesTests
{
    private const string PoliceKey = "police-partner-key";
    private const string FireKey = "fire-partner-key";

    private static readonly Dictionary<string, string?> Partners = new()
    {
        ["HotSpots:Security:IngestKeys:0"] = "",
        ["HotSpots:Security:Partners:police:Key"] = PoliceKey,
        ["HotSpots:Security:Partners:police:Sources:0"] = "essex-police",
        ["HotSpots:Security:Partners:fire:Key"] = FireKey,
        ["HotSpots:Security:Partners:fire:Sources:0"] = "ecfrs",
    };

    [Fact]
    public async Task A_partner_key_cannot_claim_another_partners_ids_so_the_real_incident_is_still_stored()
    {
        await using var server = new HotSpotsServer(Partners);
        var fire = new { source = "ecfrs", sourceId = "F1", category = "deliberate-primary-fire", occurredAt = "2026-01-15", easting = 561900, northing = 177900 };

        var squatted = await server.Client(ingestKey: PoliceKey).PostAsJsonAsync("/api/incidents", new object[] { HotSpotsServer.Incident("P1"), fire });
        var real = await server.Client(ingestKey: FireKey).PostAsJsonAsync("/api/incidents", fire);

        Assert.Equal(HttpStatusCode.Forbidden, squatted.StatusCode);
        Assert.Equal("this key writes essex-police only, not ecfrs; nothing was stored",
            (await squatted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(1, (await real.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        Assert.Equal(1, (await server.Viewer().GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("incidents").GetInt64());
    }

    [Fact]
    public async Task A_partner_key_writes_its_own_sources_and_no_key_for_every_source_is_made_up_beside_it()
    {
        await using var server = new HotSpotsServer(Partners);

        var own = await server.Client(ingestKey: PoliceKey).PostAsJsonAsync("/api/incidents", HotSpotsServer.Incident("P1"));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.False(File.Exists(Path.Combine(server.Directory, "hotspots-keys.json")));
    }
}
