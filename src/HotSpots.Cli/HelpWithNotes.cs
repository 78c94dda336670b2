using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace HotSpots.Cli;

/// <summary>The standard help, then the command's notes (or, for the tool itself, the settings and exit codes).</summary>
internal sealed class HelpWithNotes(HelpAction help, string rootNotes) : SynchronousCommandLineAction
{
    // As the standard help does: "hotspots import --help" explains the command even though its files are missing.
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var code = help.Invoke(parseResult);
        var notes = parseResult.CommandResult.Command switch
        {
            ToolCommand command => command.Notes,
            RootCommand => rootNotes,
            _ => null,
        };
        if (notes is not null)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(notes);
            output.WriteLine();
        }
        return code;
    }
}
