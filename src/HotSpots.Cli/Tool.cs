using HotSpots.Geography;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace HotSpots.Cli;

/// <summary>What every command may need: output, configuration, the geography, the store.</summary>
internal sealed class Tool(TextWriter output, TextWriter error, string[] settings, TextReader? input = null)
{
    // Redirected output is read by scripts and searched in logs, so a table row stays on one line however long.
    private const int RedirectedWidth = 1000;

    private IConfigurationRoot? _configuration;
    private IAnsiConsole? _display;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public TextReader? Input { get; } = input;

    public bool Interactive => ReferenceEquals(Output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>
    /// <see cref="Output"/> for progress bars and tables: drawn with colour and redrawn in place at a terminal; plain
    /// text, no escape codes, when redirected (a log, a pipe, the tests).
    /// </summary>
    public IAnsiConsole Display => _display ??= CreateDisplay();

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

    private IAnsiConsole CreateDisplay()
    {
        var interactive = Interactive;
        var display = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive) display.Profile.Width = RedirectedWidth;
        return display;
    }
}
