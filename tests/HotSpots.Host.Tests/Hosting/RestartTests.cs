using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HotSpots.Domain.Incidents;
using HotSpots.Geography.Demo;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Host.Tests.Hosting;

public partial class RestartTests
{
    private const int Stored = 1_200_000;
    private static readonly (int Year, int Month)[] Months = [(2018, 1), (2018, 2)];

    [Fact]
    public async Task A_host_restarted_on_one_point_two_million_stored_incidents_reads_none_of_them_again_and_counts_every_one()
    {
        using var dir = new TempDirectory();
        var expected = await FillAsync(dir.File("big.db"));
        string[] settings =
        [
            $"--HotSpots:Store:Sqlite:Path={dir.File("big.db")}",
            "--HotSpots:Security:IngestKeys:0=ingest", "--HotSpots:Security:ViewerKeys:0=viewer", "--HotSpots:Demo:Feed=false",
        ];

        await using (var first = await HostProcess.StartAsync(settings))
        {
            Assert.Equal((Stored, 0), BroughtUp(first));
            await AssertCountsAsync(first, expected);
            await first.StopAsync();
        }

        await using (var second = await HostProcess.StartAsync(settings))
        {
            Assert.Equal((Stored, Stored), BroughtUp(second));
            await AssertCountsAsync(second, expected);

            // A tail the checkpoint does not hold: acknowledged, then the process dies without a word.
            using var ingest = new HttpClient { BaseAddress = second.BaseAddress };
            ingest.DefaultRequestHeaders.Add("X-Api-Key", "ingest");
            var seeds = ThurrockFigures.Wards;
            var items = Enumerable.Range(0, 1_000).Select(i => new
            {
                source = "essex-police",
                sourceId = $"tail-{i}",
                category = "anti-social-behaviour",
                occurredAt = "2018-02",
                latitude = seeds[i % seeds.Count].Seeds[0].Latitude,
                longitude = seeds[i % seeds.Count].Seeds[0].Longitude,
            });
            var response = await ingest.PostAsJsonAsync("/api/incidents", items);
            Assert.Equal(1_000, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
            for (var i = 0; i < 1_000; i++) expected[(seeds[i % seeds.Count].Code, 1)]++;
            await second.KillAsync();
        }

        await using var third = await HostProcess.StartAsync(settings);
        var (through, checkpoint) = BroughtUp(third);
        Assert.Equal(Stored + 1_000, through);
        Assert.InRange(checkpoint, Stored, Stored + 1_000);
        await AssertCountsAsync(third, expected);
    }

    /// <summary>Appends straight to the store file, as an earlier import would have; returns each (ward, month) count.</summary>
    private static async Task<Dictionary<(string Ward, int Month), int>> FillAsync(string path)
    {
        var wards = ThurrockFigures.Wards;
        var expected = wards.SelectMany(w => Months.Select((_, m) => (w.Code, m))).ToDictionary(k => k, _ => 0);
        var store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = path }, TimeProvider.System);
        try
        {
            var batch = new IncidentBatch(50_000);
            var source = "essex-police"u8.ToArray();
            for (var i = 0; i < Stored; i++)
            {
                var ward = wards[i % wards.Count];
                var seed = ward.Seeds[i / wards.Count % ward.Seeds.Length];
                var month = i / 7 % Months.Length;
                batch.Add(source, Encoding.UTF8.GetBytes($"r-{i}"), Category.AntiSocialBehaviour, OccurredAt.Month(Months[month].Year, Months[month].Month),
                    seed.Latitude, seed.Longitude, [], hasLocation: false);
                expected[(ward.Code, month)]++;
                if (batch.Count == 50_000)
                {
                    await store.AppendAsync(batch);
                    batch.Clear();
                }
            }
            if (batch.Count > 0) await store.AppendAsync(batch);
        }
        finally
        {
            await store.DisposeAsync();
        }
        return expected;
    }

    private static async Task AssertCountsAsync(HostProcess host, Dictionary<(string Ward, int Month), int> expected)
    {
        using var viewer = new HttpClient { BaseAddress = host.BaseAddress };
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "viewer");
        for (var m = 0; m < Months.Length; m++)
        {
            var heat = await viewer.GetFromJsonAsync<JsonElement>($"/api/heat?set=wards&group=asb&window=month&month={Months[m].Year}-{Months[m].Month:00}");
            var observed = heat.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!, a => a.GetProperty("observed").GetInt32());
            foreach (var ward in ThurrockFigures.Wards) Assert.Equal(expected[(ward.Code, m)], observed[ward.Code]);
        }
    }

    /// <summary>What the host logged on start: the sequence its grains were brought up to, and the checkpoint it read the log after.</summary>
    private static (long Through, long Checkpoint) BroughtUp(HostProcess host)
    {
        var match = BroughtUpLine().Match(host.Output);
        Assert.True(match.Success, host.Output);
        return (long.Parse(match.Groups[1].Value), long.Parse(match.Groups[2].Value));
    }

    [GeneratedRegex(@"brought up to sequence (\d+) from the checkpoint at (\d+)")]
    private static partial Regex BroughtUpLine();
}
