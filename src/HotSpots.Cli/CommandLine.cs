using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using HotSpots.Geography;

namespace HotSpots.Cli;

/// <summary>
/// <c>hotspots</c>: the operator's tool. Every command works directly on a store, or on a running server through its
/// API (<c>--server URL --api-key KEY</c>). Configuration comes from the same places and keys as the server
/// (appsettings.json in the working directory, HotSpots__* environment variables, --HotSpots:Key=value arguments).
/// </summary>
public static class CommandLine
{
    private const string SettingPrefix = "--HotSpots:";

    private static readonly string Notes = $"""
        Each command works on the store (HotSpots:Store:Sqlite:Path, default data/hotspots.db) or, with
        --server URL --api-key KEY, on a running server through its API. Every command reads the server's settings
        the same ways: appsettings.json in the working directory, HotSpots__* environment variables, and
        --HotSpots:Key=value arguments anywhere on the line (e.g. --HotSpots:Store:Sqlite:Path=data/other.db).

        Exit codes:
          {ExitCodes.Done,-4} done
          {ExitCodes.Failed,-4} failed: a file could not be read or was refused outright, the store or the server refused
          {ExitCodes.Usage,-4} usage: an unknown command or option, a missing or malformed value (the help follows the error)
          {ExitCodes.Interrupted,-4} interrupted (Ctrl+C): an import keeps the batches written before it; run it again to complete it
        """;

    /// <param name="input">Standard input when it is not a terminal (a password piped in); null at a terminal.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, TextReader? input = null)
    {
        var settings = args.Where(IsSetting).ToArray();
        var root = Create(new Tool(output, error, settings, input));
        var parsed = root.Parse(args.Where(a => !IsSetting(a)).ToArray());
        if (parsed.Action is ParseErrorAction)
        {
            // The errors, any "did you mean", and the command's help all go to standard error: standard output stays
            // what a script may read.
            parsed.Invoke(new InvocationConfiguration { Output = error, Error = error });
            return ExitCodes.Usage;
        }
        var command = parsed.CommandResult.Command;
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"hotspots {command.Name}: {ex.Message}\n");
            WriteHelp(root, command, error);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync($"hotspots {command.Name}: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is GeographyException or ServerException or HttpRequestException or InvalidOperationException
                                       or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"hotspots {command.Name}: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>The tool's commands, each with its arguments, options, checks and help.</summary>
    internal static RootCommand Create(Tool tool)
    {
        var root = new RootCommand("The HotSpots operator's tool: imports partner files, replays a period at speed, runs drills, draws reports and makes password hashes.")
        {
            HelpName = "hotspots",
        };
        root.Subcommands.Add(new ImportCommand(tool));
        root.Subcommands.Add(new ReplayCommand(tool));
        root.Subcommands.Add(new DrillCommand(tool));
        root.Subcommands.Add(new ReportCommand(tool));
        root.Subcommands.Add(new HashPasswordCommand(tool));
        root.Subcommands.Add(new HelpCommand(root));
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithNotes((HelpAction)help.Action!, Notes);
        return root;
    }

    /// <summary>Writes what <c>hotspots COMMAND --help</c> prints.</summary>
    internal static int WriteHelp(RootCommand root, Command command, TextWriter output) =>
        root.Parse(command == root ? ["--help"] : [command.Name, "--help"]).Invoke(new InvocationConfiguration { Output = output });

    private static bool IsSetting(string word) => word.StartsWith(SettingPrefix, StringComparison.OrdinalIgnoreCase);
}
