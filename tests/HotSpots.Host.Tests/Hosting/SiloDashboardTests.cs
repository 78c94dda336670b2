using System.Net;
using HotSpots.Host.Tests.Infrastructure;

namespace HotSpots.Host.Tests.Hosting;

public class SiloDashboardTests : ServerTests
{
    [Fact]
    public async Task The_orleans_dashboard_is_shown_to_an_administrator_only()
    {
        using var anonymous = Server.Client();
        using var viewer = Server.Viewer();
        using var analyst = Server.Analyst();
        using var admin = Server.Admin();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/orleans/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/orleans/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/orleans/")).StatusCode);
        var page = await admin.GetAsync("/orleans/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Orleans", await page.Content.ReadAsStringAsync());
    }
}
