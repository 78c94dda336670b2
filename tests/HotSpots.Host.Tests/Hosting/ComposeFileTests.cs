using System.Diagnostics;
using HotSpots.Testing;

namespace HotSpots.Host.Tests.Hosting;

/// <summary>docker-compose.yml as Debian's docker-compose reads it (no engine runs here, so it is validated, not started).</summary>
public sealed class ComposeFileTests
{
    [Fact]
    public async Task The_compose_file_validates_and_runs_three_nodes_on_postgresql_with_readiness_checks_json_logs_and_named_volumes()
    {
        Assert.Equal(["postgres", "node1", "node2", "node3"], Lines(await ComposeAsync("config", "--services")));
        Assert.Equal(["hotspots-postgres", "hotspots-shared"], Lines(await ComposeAsync("config", "--volumes")));

        var config = await ComposeAsync("config");
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            var service = Section(config, node);
            Assert.Contains("HotSpots__Store__Provider: Postgres", service);
            Assert.Contains("HotSpots__Cluster__Provider: Postgres", service);
            Assert.Contains($"HotSpots__Cluster__AdvertisedAddress: {node}", service);
            Assert.Contains("http://localhost:8080/health/ready", service);
            Assert.Contains("Logging__Console__FormatterName: json", service);
            Assert.Contains("condition: service_healthy", service);
        }
        Assert.Contains("pg_isready", Section(config, "postgres"));
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>One service's block of the normalised configuration (two-space indented under <c>services:</c>).</summary>
    private static string Section(string config, string service)
    {
        var start = config.IndexOf($"\n  {service}:\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no service {service}");
        var next = config.IndexOf("\n  ", start + service.Length + 5, StringComparison.Ordinal);
        while (next >= 0 && config[next + 3] == ' ') next = config.IndexOf("\n  ", next + 1, StringComparison.Ordinal);
        return next < 0 ? config[start..] : config[start..next];
    }

    private static async Task<string> ComposeAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("docker-compose") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        info.ArgumentList.Add("-f");
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "docker-compose.yml"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"docker-compose {string.Join(' ', arguments)} failed: {await errors}");
        return await output;
    }
}
