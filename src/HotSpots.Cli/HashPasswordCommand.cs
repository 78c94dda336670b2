using System.CommandLine;
using HotSpots.Application.Accounts;
using Spectre.Console;

namespace HotSpots.Cli;

/// <summary><c>hotspots hash-password</c></summary>
internal sealed class HashPasswordCommand : ToolCommand
{
    private readonly Option<string> _name = new("--name") { HelpName = "NAME", DefaultValueFactory = _ => "NAME", Description = "The user name to show in the settings" };
    private readonly Option<string> _role = new("--role")
    {
        HelpName = "viewer|analyst|admin",
        DefaultValueFactory = _ => "viewer",
        Description = "viewer (sees), analyst (also acknowledges and resolves alerts) or admin (also runs drills)",
    };

    public HashPasswordCommand(Tool tool) : base(tool, "hash-password", "Make the password hash for a dashboard user, and the settings that add the user")
    {
        _role.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is not ("viewer" or "analyst" or "admin") and var role) result.AddError($"--role '{role}' is not viewer, analyst or admin");
        });
        Options.Add(_name);
        Options.Add(_role);
    }

    public override string Notes => $"""
        At a terminal it asks for the password twice without showing it; otherwise it reads the password from the
        first line of standard input (never from the command line, where it would be left in the shell's history).
        A password needs at least {PasswordHash.MinimumPasswordLength} characters.

        Prints the hash, and the settings that add the user (index 0 shown; number users 0, 1, 2, ...):
          HotSpots__Security__Users__0__Name=NAME
          HotSpots__Security__Users__0__PasswordHash=HASH
          HotSpots__Security__Users__0__Role=ROLE
        """;

    protected override async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var role = parsed.GetRequiredValue(_role);
        var name = parsed.GetRequiredValue(_name);
        string? password;
        if (Tool.Input is null)
        {
            // The prompts go to standard error, so that standard output holds only the hash and the settings.
            var prompts = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Tool.Error), Interactive = InteractionSupport.Yes });
            password = await ReadHiddenAsync(prompts, "Password:", cancellationToken);
            if (await ReadHiddenAsync(prompts, "Again:", cancellationToken) != password)
            {
                await Tool.Error.WriteLineAsync("hotspots hash-password: the two passwords differ");
                return ExitCodes.Failed;
            }
        }
        else
        {
            password = await Tool.Input.ReadLineAsync(cancellationToken);
        }
        if (PasswordHash.Weakness(password) is { } weakness)
        {
            await Tool.Error.WriteLineAsync($"hotspots hash-password: {weakness}");
            return ExitCodes.Failed;
        }

        var hash = PasswordHash.Create(password!);
        await Tool.Output.WriteLineAsync(hash);
        await Tool.Output.WriteLineAsync();
        await Tool.Output.WriteLineAsync($"HotSpots__Security__Users__0__Name={name}");
        await Tool.Output.WriteLineAsync($"HotSpots__Security__Users__0__PasswordHash={hash}");
        await Tool.Output.WriteLineAsync($"HotSpots__Security__Users__0__Role={role}");
        return ExitCodes.Done;
    }

    private static Task<string> ReadHiddenAsync(IAnsiConsole prompts, string prompt, CancellationToken cancellationToken) =>
        new TextPrompt<string>(prompt).Secret(null).AllowEmpty().ShowAsync(prompts, cancellationToken);
}
