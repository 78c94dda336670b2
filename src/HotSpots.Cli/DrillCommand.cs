using System.CommandLine;
using HotSpots.Application.Areas;
using HotSpots.Application.Drills;
using HotSpots.Application.Ingest;
using HotSpots.Store;
using HotSpots.Store.Sqlite;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace HotSpots.Cli;

/// <summary><c>hotspots drill [SCENARIO]</c></summary>
internal sealed class DrillCommand : ToolCommand
{
    private readonly Argument<string?> _scenario = new("scenario") { Arity = ArgumentArity.ZeroOrOne, Description = "The scenario to run (--list shows them)" };
    private readonly Option<string?> _area = new("--area") { HelpName = "AREA", Description = "A ward or zone code, or a ward name, instead of the scenario's" };
    private readonly Option<int?> _count = new("--count") { HelpName = "N", CustomParser = r => ValueParsers.WholeNumber(r), Description = "How many incidents instead of the scenario's" };
    private readonly Option<TimeSpan?> _within = new("--within") { HelpName = "TIME", CustomParser = ValueParsers.Duration, Description = "The window, e.g. 3h or 90m, instead of the scenario's" };
    private readonly Option<bool> _list = new("--list") { Description = "List the scenarios" };
    private readonly ServerOptions _server;

    public DrillCommand(Tool tool) : base(tool, "drill", "Inject a named training scenario's incidents, tagged as a drill")
    {
        _scenario.Validators.Add(ValueParsers.NoOptions);
        Arguments.Add(_scenario);
        Options.Add(_area);
        Options.Add(_count);
        Options.Add(_within);
        Options.Add(_list);
        _server = new ServerOptions(this, "Run it on a running server...", "...with an admin key (Bearer)");
        Validators.Add(result =>
        {
            if (result.GetValue(_scenario) is null && !result.GetValue(_list)) result.AddError("name one scenario (hotspots drill --list shows them)");
        });
    }

    public override string Notes => """
        A drill's incidents go into the live store, tagged as a drill everywhere they show (origin "drill", source
        "drill", location "DRILL ..."). Drills count on the map but never in a baseline. Their times are spread over
        the scenario's window ending now. Scenarios: built in, plus HotSpots:Drills:Scenarios.
        """;

    protected override async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var options = Tool.Configuration.GetSection("HotSpots:Drills").Get<DrillOptions>() ?? new DrillOptions();
        if (parsed.GetValue(_list))
        {
            var table = new Table().AddColumns("Scenario", "Incidents", "Within", "Area", "Category");
            table.Columns[1].RightAligned();
            foreach (var (key, scenario) in options.Scenarios.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                table.AddRow(Markup.Escape(key), $"{scenario.Count}", $"{scenario.Within.TotalHours:0.##} h", Markup.Escape(scenario.Area), Markup.Escape(scenario.Category));
            }
            Tool.Display.Write(table);
            return ExitCodes.Done;
        }
        var request = new DrillRequest(parsed.GetRequiredValue(_scenario)!, parsed.GetValue(_area), parsed.GetValue(_count), parsed.GetValue(_within));

        DrillRun run;
        try
        {
            using var server = _server.Connect(parsed);
            if (server is not null)
            {
                run = await server.RunDrillAsync(request, cancellationToken);
            }
            else
            {
                var geography = await Tool.LoadGeographyAsync();
                await using var store = await SqliteIncidentStore.OpenAsync(Tool.StoreOptions, TimeProvider.System, cancellationToken);
                if (store.Purpose != StorePurpose.Live) throw new InvalidOperationException($"{store.Path} is a replay store; drills go into the live store");
                var ingestor = new IncidentIngestor(store, new FixedGeography(geography), new IncidentLogSignal(), TimeProvider.System);
                run = await new DrillRunner(ingestor, new FixedGeography(geography), Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System).RunAsync(request, cancellationToken);
            }
        }
        catch (DrillException ex)
        {
            await Tool.Error.WriteLineAsync($"hotspots drill: {ex.Message}");
            return ExitCodes.Failed;
        }
        await Tool.Output.WriteLineAsync(
            $"DRILL {run.Id}: {run.Description} - {run.Accepted} of {run.Count} {run.Category} incidents recorded in {run.AreaName} ({run.AreaSet}/{run.AreaCode}), " +
            $"{run.From:HH:mm} to {run.To:HH:mm} UTC");
        return ExitCodes.Done;
    }
}
