using System.CommandLine;

namespace HotSpots.Cli;

/// <summary>
/// One of the tool's commands: its constructor declares its arguments, options and checks, <see cref="RunAsync"/>
/// does its work, and <see cref="Notes"/> is what its help adds after the options. A new command is a class like
/// this and one line in <see cref="CommandLine.Create"/>.
/// </summary>
internal abstract class ToolCommand : Command
{
    protected ToolCommand(Tool tool, string name, string description) : base(name, description)
    {
        Tool = tool;
        // On the thread pool: System.CommandLine hands Ctrl+C to the task the action returns, and an import runs for
        // seconds before its first await that does not complete at once, so without this there is no task yet to cancel.
        SetAction((parsed, cancellationToken) => Task.Run(() => RunAsync(parsed, cancellationToken), CancellationToken.None));
    }

    protected Tool Tool { get; }

    /// <summary>What does not fit on an option's line: formats, defaults, how values are chosen.</summary>
    public virtual string? Notes => null;

    /// <summary>Returns an <see cref="ExitCodes"/> value.</summary>
    protected abstract Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken);
}
