using HotSpots.Geography;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Configuration;

namespace HotSpots.Cli;

/// <summary>
/// <c>hotspots</c>: the operator's tool. Every command works directly on a store, or on a running server through its
/// API (<c>--server URL --api-key KEY</c>). Configuration comes from the same places and keys as the server
/// (appsettings.json in the working directory, HotSpots__* environment variables, --HotSpots:Key=value arguments).
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Usage: hotspots COMMAND [ARGS...] [--HotSpots:Key=value ...]

        Commands:
          import police-uk|fire|council FILE...   import partner files (hotspots import --help)
          replay                                  play stored or file incidents through the live path at speed
          drill [SCENARIO]                        inject a named training scenario, tagged as a drill
          hash-password                           make a dashboard user's password hash for configuration
          help [COMMAND]                          this text, or a command's

        Each command works on the store (HotSpots:Store:Sqlite:Path, default data/hotspots.db) or, with
        --server URL --api-key KEY, on a running server through its API.

        Exit codes: 0 done; 1 failed (a file could not be read, the store or server refused); 2 usage.
        """;

    /// <param name="input">Standard input when it is not a terminal (a password piped in); null at a terminal.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, TextReader? input = null)
    {
        var settings = args.Where(a => a.StartsWith("--HotSpots:", StringComparison.OrdinalIgnoreCase)).ToArray();
        var words = args.Where(a => !a.StartsWith("--HotSpots:", StringComparison.OrdinalIgnoreCase)).ToList();
        var tool = new Tool(output, error, settings, input);
        var command = Find(words.FirstOrDefault());
        if (words is [] or ["--help"] or ["-h"] or ["help"])
        {
            await output.WriteLineAsync(Usage);
            return words.Count == 0 ? 2 : 0;
        }
        if (words is ["help", var name])
        {
            words = [name, "--help"];
            command = Find(name);
        }
        if (command is null)
        {
            await error.WriteLineAsync($"hotspots: unknown command '{string.Join(' ', words)}'\n\n{Usage}");
            return 2;
        }
        if (words.Skip(1).Any(w => w is "--help" or "-h"))
        {
            await output.WriteLineAsync(command.Usage);
            return 0;
        }
        var parsed = Arguments.Parse(words[1..], command.Options, command.Flags, out var problem);
        if (problem is not null)
        {
            await error.WriteLineAsync($"hotspots {words[0]}: {problem}\n\n{command.Usage}");
            return 2;
        }
        try
        {
            return await command.RunAsync(parsed, tool, cancellationToken);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"hotspots {words[0]}: {ex.Message}\n\n{command.Usage}");
            return 2;
        }
        catch (Exception ex) when (ex is GeographyException or ServerException or HttpRequestException or InvalidOperationException
                                       or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"hotspots {words[0]}: {ex.Message}");
            return 1;
        }
    }

    private static ICommand? Find(string? name) => name switch
    {
        "import" => new ImportCommand(),
        "replay" => new ReplayCommand(),
        "drill" => new DrillCommand(),
        "hash-password" => new HashPasswordCommand(),
        _ => null,
    };
}

internal interface ICommand
{
    string Usage { get; }

    IReadOnlySet<string> Options { get; }

    IReadOnlySet<string> Flags { get; }

    Task<int> RunAsync(Arguments arguments, Tool tool, CancellationToken cancellationToken);
}

internal sealed class UsageException(string message) : Exception(message);

/// <summary>What every command may need: output, configuration, the geography, the store, or a server.</summary>
internal sealed class Tool(TextWriter output, TextWriter error, string[] settings, TextReader? input = null)
{
    private IConfigurationRoot? _configuration;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public TextReader? Input { get; } = input;

    public bool Interactive => ReferenceEquals(Output, Console.Out) && !Console.IsOutputRedirected;

    public IConfiguration Configuration => _configuration ??= new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(settings)
        .Build();

    public SqliteStoreOptions StoreOptions => Configuration.GetSection("HotSpots:Store:Sqlite").Get<SqliteStoreOptions>() ?? new();

    public async Task<GeographyModel> LoadGeographyAsync()
    {
        var geography = GeographyModel.Load(Configuration.GetSection("HotSpots:Geography").Get<GeographyOptions>() ?? new());
        if (geography.IsDemo) await Output.WriteLineAsync("Note: no ward files configured; placing rows in the approximate demo wards of Thurrock.");
        return geography;
    }

    /// <summary>The server named by --server and --api-key, or null when neither is given.</summary>
    public static ServerClient? Server(Arguments arguments)
    {
        var url = arguments.Value("--server");
        var key = arguments.Value("--api-key");
        if (url is null && key is null) return null;
        if (url is null || key is null) throw new UsageException("--server and --api-key go together");
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new UsageException($"--server '{url}' is not an http(s) URL");
        return new ServerClient(uri, key);
    }
}
