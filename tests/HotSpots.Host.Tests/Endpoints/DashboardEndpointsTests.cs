using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotSpots.Host.Tests.Infrastructure;

namespace HotSpots.Host.Tests.Endpoints;

public sealed class DashboardEndpointsTests : ServerTests
{
    [Fact]
    public async Task The_category_list_needs_a_viewer_credential()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Client().GetAsync("/api/categories")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Server.Viewer().GetAsync("/api/categories")).StatusCode);
    }

    [Fact]
    public async Task The_category_list_names_every_group_and_category_the_heat_api_accepts_with_labels_people_read()
    {
        var list = await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/categories");

        var groups = list.GetProperty("groups").EnumerateArray().ToList();
        var categories = list.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(["asb", "deliberate-fires", "violence", "all"], groups.Select(g => g.GetProperty("slug").GetString()));
        Assert.Equal("Anti-social behaviour", groups[0].GetProperty("label").GetString());
        Assert.Equal(["deliberate-primary-fire", "deliberate-secondary-fire"], groups[1].GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(20, categories.Count);
        Assert.Equal(categories.Select(c => c.GetProperty("slug").GetString()), groups[3].GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var labels = categories.ToDictionary(c => c.GetProperty("slug").GetString()!, c => c.GetProperty("label").GetString());
        Assert.Equal("Violence and sexual offences", labels["violent-crime"]);
        Assert.Equal("Deliberate secondary fire", labels["deliberate-secondary-fire"]);
        foreach (var slug in groups.Concat(categories).Select(c => c.GetProperty("slug").GetString()))
        {
            var heat = await Server.Viewer().GetAsync($"/api/heat?set=wards&group={slug}&window=24h");
            Assert.True(heat.StatusCode == HttpStatusCode.OK, $"{slug}: {heat.StatusCode}");
        }
    }
}
