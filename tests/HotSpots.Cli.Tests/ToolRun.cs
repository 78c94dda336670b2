using System.Diagnostics;

namespace HotSpots.Cli.Tests;

/// <summary>Runs the tool as the shell would, capturing what it prints: in this process, or the built tool as its own.</summary>
internal static class ToolRun
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => await RunAsync(args, CancellationToken.None);

    public static async Task<(int Code, string Out, string Error)> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error, cancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The built tool, run as README runs it: <c>dotnet hotspots.dll ARGS</c>.</summary>
    public static async Task<(int Code, string Out, string Error)> RunBuiltAsync(params string[] args)
    {
        using var process = StartBuilt(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    public static Process StartBuilt(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hotspots.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }
}
