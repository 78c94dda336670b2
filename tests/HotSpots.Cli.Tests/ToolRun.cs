namespace HotSpots.Cli.Tests;

/// <summary>Runs the tool in this process, as the shell would, capturing what it prints.</summary>
internal static class ToolRun
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
