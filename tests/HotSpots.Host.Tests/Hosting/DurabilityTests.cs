using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Geography.Demo;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Testing;

namespace HotSpots.Host.Tests.Hosting;

public class DurabilityTests
{
    [Fact]
    public async Task Ten_thousand_acknowledged_incidents_are_all_counted_after_the_process_is_killed_and_restarted()
    {
        using var dir = new TempDirectory();
        string[] settings =
        [
            $"--HotSpots:Store:Sqlite:Path={dir.File("durable.db")}",
            "--HotSpots:Security:IngestKeys:0=ingest", "--HotSpots:Security:ViewerKeys:0=viewer", "--HotSpots:Demo:Feed=false",
        ];
        var seeds = ThurrockFigures.Wards.SelectMany(w => w.Seeds).ToList();

        await using (var first = await HostProcess.StartAsync(settings))
        {
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            client.DefaultRequestHeaders.Add("X-Api-Key", "ingest");
            var accepted = 0;
            for (var batch = 0; batch < 20; batch++)
            {
                var items = Enumerable.Range(batch * 500, 500).Select(i => new
                {
                    source = "essex-police",
                    sourceId = $"d-{i}",
                    category = "anti-social-behaviour",
                    occurredAt = "2018-01",
                    latitude = seeds[i % seeds.Count].Latitude,
                    longitude = seeds[i % seeds.Count].Longitude,
                });
                var response = await client.PostAsJsonAsync("/api/incidents", items);
                accepted += (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32();
            }
            Assert.Equal(10_000, accepted);
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(settings);
        using var viewer = new HttpClient { BaseAddress = second.BaseAddress };
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "viewer");
        var heat = await viewer.GetFromJsonAsync<JsonElement>("/api/heat?set=wards&group=asb&window=month&month=2018-01");

        Assert.Equal(10_000, heat.GetProperty("areas").EnumerateArray().Sum(a => a.GetProperty("observed").GetInt32()));
    }
}
