using HotSpots.Application.Accounts;

namespace HotSpots.Cli;

/// <summary><c>hotspots hash-password</c></summary>
internal sealed class HashPasswordCommand : ICommand
{
    public string Usage => $"""
        Usage: hotspots hash-password [--name NAME] [--role viewer|analyst|admin]

        Makes the password hash for a dashboard user. At a terminal it asks for the password twice without showing
        it; otherwise it reads the password from the first line of standard input (never from the command line,
        where it would be left in the shell's history). A password needs at least {PasswordHash.MinimumPasswordLength} characters.

        Prints the hash, and the settings that add the user (index 0 shown; number users 0, 1, 2, ...):
          HotSpots__Security__Users__0__Name=NAME
          HotSpots__Security__Users__0__PasswordHash=HASH
          HotSpots__Security__Users__0__Role=ROLE

        Options:
          --name NAME    the user name to show in the settings (default: NAME)
          --role ROLE    viewer (sees), analyst (also acknowledges and resolves alerts) or admin (also runs drills)
        """;

    public IReadOnlySet<string> Options { get; } = new HashSet<string> { "--name", "--role" };

    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(Arguments arguments, Tool tool, CancellationToken cancellationToken)
    {
        var role = arguments.Value("--role") ?? "viewer";
        if (role is not ("viewer" or "analyst" or "admin")) throw new UsageException($"--role '{role}' is not viewer, analyst or admin");
        var name = arguments.Value("--name") ?? "NAME";

        string? password;
        if (tool.Input is null)
        {
            password = ReadHidden(tool, "Password: ");
            if (ReadHidden(tool, "Again: ") != password)
            {
                await tool.Error.WriteLineAsync("hotspots hash-password: the two passwords differ");
                return 1;
            }
        }
        else
        {
            password = await tool.Input.ReadLineAsync(cancellationToken);
        }
        if (PasswordHash.Weakness(password) is { } weakness)
        {
            await tool.Error.WriteLineAsync($"hotspots hash-password: {weakness}");
            return 1;
        }

        var hash = PasswordHash.Create(password!);
        await tool.Output.WriteLineAsync(hash);
        await tool.Output.WriteLineAsync();
        await tool.Output.WriteLineAsync($"HotSpots__Security__Users__0__Name={name}");
        await tool.Output.WriteLineAsync($"HotSpots__Security__Users__0__PasswordHash={hash}");
        await tool.Output.WriteLineAsync($"HotSpots__Security__Users__0__Role={role}");
        return 0;
    }

    private static string ReadHidden(Tool tool, string prompt)
    {
        tool.Error.Write(prompt);
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        tool.Error.WriteLine();
        return text.ToString();
    }
}
