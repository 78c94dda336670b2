namespace HotSpots.Cli;

/// <summary>The entry point, named so that it does not clash with the server's Program where both are loaded (tests).</summary>
internal static class HotSpotsTool
{
    public static Task<int> Main(string[] args) =>
        CommandLine.RunAsync(args, Console.Out, Console.Error, CancellationToken.None, Console.IsInputRedirected ? Console.In : null);
}
