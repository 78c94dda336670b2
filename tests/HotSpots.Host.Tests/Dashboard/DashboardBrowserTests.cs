using System.Diagnostics;
using System.Text.Json;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Testing;

namespace HotSpots.Host.Tests.Dashboard;

public sealed class DashboardBrowserTests : ServerTests
{
    [Fact]
    public async Task The_map_in_headless_Chromium_shows_twenty_wards_a_posted_incident_within_a_second_and_a_drill_as_a_drill()
    {
        Assert.True(File.Exists("/usr/bin/chromium") || Environment.GetEnvironmentVariable("CHROMIUM_PATH") is not null,
            "Chromium is needed for the browser test: apt-get install chromium (.ci/run does this)");
        var screenshots = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "tests", "TestResults", "screenshots")).FullName;

        var (exitCode, output) = await RunNodeAsync("tests/live-map.mjs", Server.BaseAddress.ToString().TrimEnd('/'),
            HotSpotsServer.ViewerKey, HotSpotsServer.IngestKey, HotSpotsServer.AdminKey, Path.Combine(screenshots, "live-map.png"));

        Assert.True(exitCode == 0, output);
        var result = JsonDocument.Parse(output.Split('\n').Last(l => l.StartsWith('{'))).RootElement;
        Assert.Equal(20, result.GetProperty("wards").GetInt32());
        Assert.Equal(3, result.GetProperty("zones").GetInt32());
        Assert.Contains("approximate", result.GetProperty("note").GetString());
        Assert.InRange(result.GetProperty("changedAfterMs").GetInt32(), 0, 1000);
        Assert.StartsWith("DRILL ", result.GetProperty("drillBanner").GetString());
        Assert.Contains("Grays Riverside", result.GetProperty("drillBanner").GetString());
        Assert.Contains("3 of them DRILL incidents", result.GetProperty("drillTitle").GetString());
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(params string[] args)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = RepoPaths.Dashboards, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
