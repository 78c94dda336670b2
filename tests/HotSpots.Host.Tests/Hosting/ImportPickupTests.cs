using HotSpots.Application.Imports;
using HotSpots.Geography;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Store.Sqlite;
using HotSpots.Testing;

namespace HotSpots.Host.Tests.Hosting;

public class ImportPickupTests
{
    [Fact]
    public async Task A_running_server_counts_what_an_import_writes_into_its_store_without_a_restart()
    {
        using var dir = new TempDirectory();
        var path = dir.File("shared.db");
        await using var server = new HotSpotsServer(new Dictionary<string, string?>
        {
            ["HotSpots:Store:Sqlite:Path"] = path,
            ["HotSpots:Monitoring:PollInterval"] = "00:00:00.200",
        });
        await using var client = await HeatClient.ConnectAsync(server.BaseAddress, HotSpotsServer.ViewerKey);
        await client.SubscribeAsync("wards", "all", "month");

        // The import tool's path, through its own connection to the same file, as another process would.
        var csv = dir.File("now.csv");
        var month = DateTimeOffset.UtcNow.ToString("yyyy-MM");
        await File.WriteAllLinesAsync(csv,
        [
            "Crime ID,Month,Reported by,Longitude,Latitude,Crime type",
            $"x1,{month},Essex Police,0.3217,51.4757,Robbery",
            $"x2,{month},Essex Police,0.3217,51.4757,Robbery",
        ]);
        await using (var store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = path }, TimeProvider.System))
        {
            var context = new ImportContext(LabelMappings.Load(), GeographyModel.Load(new GeographyOptions()).Wards.Index);
            var report = await new IncidentImporter(new StoreSink(store), context).ImportAsync(new PoliceUkFormat(), [csv]);
            Assert.Equal(2, report.Imported);
        }

        var update = await client.WaitForAsync(u => u.Areas.Any(a => a.Code == "E05002235" && a.Observed == 2), TimeSpan.FromSeconds(10));
        Assert.Equal("month", update.Window);
    }
}
