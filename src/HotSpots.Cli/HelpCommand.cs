using System.CommandLine;

namespace HotSpots.Cli;

/// <summary><c>hotspots help [COMMAND]</c>: the same text as <c>hotspots [COMMAND] --help</c>.</summary>
internal sealed class HelpCommand : Command
{
    private readonly Argument<string?> _command = new("command") { Arity = ArgumentArity.ZeroOrOne, Description = "The command to explain" };

    public HelpCommand(RootCommand root) : base("help", "Show the help of the tool or of one command")
    {
        Arguments.Add(_command);
        Validators.Add(result =>
        {
            if (result.GetValue(_command) is { } name && !root.Subcommands.Any(c => c.Name == name)) result.AddError($"unknown command '{name}'");
        });
        SetAction(parsed =>
        {
            var name = parsed.GetValue(_command);
            return CommandLine.WriteHelp(root, root.Subcommands.FirstOrDefault(c => c.Name == name) ?? root, parsed.InvocationConfiguration.Output);
        });
    }
}
