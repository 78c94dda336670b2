using System.Globalization;
using HotSpots.Application.Areas;
using HotSpots.Application.Drills;
using HotSpots.Application.Ingest;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Configuration;

namespace HotSpots.Cli;

/// <summary><c>hotspots drill [SCENARIO]</c></summary>
internal sealed class DrillCommand : ICommand
{
    public string Usage => """
        Usage: hotspots drill SCENARIO [options]
               hotspots drill --list

        Injects a named training scenario's incidents into the live store, tagged as a drill everywhere they show
        (origin "drill", source "drill", location "DRILL ..."). Drills count on the map but never in a baseline.
        Their times are spread over the scenario's window ending now. Scenarios: built in, plus HotSpots:Drills:Scenarios.

        Options:
          --area AREA          a ward or zone code, or a ward name, instead of the scenario's
          --count N            how many incidents instead of the scenario's
          --within TIME        the window, e.g. 3h or 90m, instead of the scenario's
          --list               list the scenarios
          --server URL         run it on a running server ...
          --api-key KEY        ... with an admin key (Bearer)
        """;

    public IReadOnlySet<string> Options { get; } = new HashSet<string> { "--area", "--count", "--within", "--server", "--api-key" };

    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--list" };

    public async Task<int> RunAsync(Arguments arguments, Tool tool, CancellationToken cancellationToken)
    {
        var options = tool.Configuration.GetSection("HotSpots:Drills").Get<DrillOptions>() ?? new DrillOptions();
        if (arguments.Has("--list"))
        {
            foreach (var (key, scenario) in options.Scenarios.OrderBy(s => s.Key, StringComparer.Ordinal))
                await tool.Output.WriteLineAsync($"  {key,-20} {scenario.Description}");
            return 0;
        }
        if (arguments.Positional is not [var name]) throw new UsageException("name one scenario (hotspots drill --list shows them)");
        int? count = arguments.Value("--count") is { } c
            ? int.TryParse(c, CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException($"--count '{c}' is not a whole number")
            : null;
        var request = new DrillRequest(name, arguments.Value("--area"), count, arguments.Value("--within") is { } w ? Arguments.Duration(w) : null);

        DrillRun run;
        try
        {
            using var server = Tool.Server(arguments);
            if (server is not null)
            {
                run = await server.RunDrillAsync(request, cancellationToken);
            }
            else
            {
                var geography = await tool.LoadGeographyAsync();
                await using var store = await SqliteIncidentStore.OpenAsync(tool.StoreOptions, TimeProvider.System, cancellationToken);
                if (store.Purpose != StorePurpose.Live) throw new InvalidOperationException($"{store.Path} is a replay store; drills go into the live store");
                var ingestor = new IncidentIngestor(store, new FixedGeography(geography), new IncidentLogSignal(), TimeProvider.System);
                run = await new DrillRunner(ingestor, new FixedGeography(geography), Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System).RunAsync(request, cancellationToken);
            }
        }
        catch (DrillException ex)
        {
            await tool.Error.WriteLineAsync($"hotspots drill: {ex.Message}");
            return 1;
        }
        await tool.Output.WriteLineAsync(
            $"DRILL {run.Id}: {run.Description} - {run.Accepted} of {run.Count} {run.Category} incidents recorded in {run.AreaName} ({run.AreaSet}/{run.AreaCode}), " +
            $"{run.From:HH:mm} to {run.To:HH:mm} UTC");
        return 0;
    }
}
