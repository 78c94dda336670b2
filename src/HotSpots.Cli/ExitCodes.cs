namespace HotSpots.Cli;

/// <summary>What <c>hotspots</c> exits with; README's "The hotspots tool" and <c>hotspots --help</c> list them.</summary>
internal static class ExitCodes
{
    public const int Done = 0;

    /// <summary>A file could not be read or was refused outright, or the store or the server refused.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong; nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>128 + SIGINT, as shells report a program stopped by Ctrl+C.</summary>
    public const int Interrupted = 130;
}
