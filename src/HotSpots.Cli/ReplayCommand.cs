using System.CommandLine;
using System.Globalization;
using HotSpots.Application.Imports;
using HotSpots.Application.Replay;
using HotSpots.Domain.Incidents;
using HotSpots.Store;
using HotSpots.Store.Sqlite;

namespace HotSpots.Cli;

/// <summary><c>hotspots replay</c></summary>
internal sealed class ReplayCommand : ToolCommand
{
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(5);

    private readonly Argument<string?> _format = new("format") { Arity = ArgumentArity.ZeroOrOne, HelpName = "format", Description = "Replay files of this import format (police-uk, fire or council)..." };
    private readonly Argument<string[]> _files = new("files") { Arity = ArgumentArity.ZeroOrMore, Description = "...read as by hotspots import" };
    private readonly Option<string?> _fromStore = new("--from-store") { HelpName = "PATH", Description = "Or replay a store (default: the configured store)" };
    private readonly Option<string[]> _mappings = new("--mappings") { HelpName = "FILE", Description = "With files: label tables laid over the shipped mappings.json (repeatable)" };
    private readonly Option<DateTimeOffset?> _from = new("--from") { HelpName = "yyyy-MM-dd", CustomParser = ValueParsers.Day, Description = "First day of the period (default: files, their first day; a store, 7 days before its latest)" };
    private readonly Option<DateTimeOffset?> _to = new("--to") { HelpName = "yyyy-MM-dd", CustomParser = ValueParsers.Day, Description = "Last day of the period, inclusive (default: the data's last day)" };
    private readonly Option<TimeSpan?> _duration = new("--duration") { HelpName = "TIME", CustomParser = ValueParsers.Duration, Description = "How long the replay takes on the clock, e.g. 5m, 90s, 1h (default 5m)..." };
    private readonly Option<double?> _speed = new("--speed") { HelpName = "N", CustomParser = r => ValueParsers.Number(r), Description = "...or how many times faster than real time (at least 1)" };
    private readonly Option<int> _seed = new("--seed") { HelpName = "N", DefaultValueFactory = _ => 1, CustomParser = ValueParsers.WholeNumber, Description = "Spreads month- and day-precision rows over their period reproducibly" };
    private readonly Option<string?> _run = new("--run") { HelpName = "ID", Description = "The replay's id, prefixed to every replayed incident id (default: the start time)" };
    private readonly Option<string?> _into = new("--into") { HelpName = "PATH", Description = "The replay store (default: hotspots-replay.db beside the configured store)" };
    private readonly ServerOptions _server;

    public ReplayCommand(Tool tool) : base(tool, "replay", "Play stored or file incidents through the live path at speed, into a replay store or server")
    {
        _format.AcceptOnlyFromAmong([.. ImportFormat.All.Select(f => f.Name)]);
        _speed.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is < 1) result.AddError($"--speed '{result.Tokens[0].Value}' is not a number of at least 1");
        });
        _run.Validators.Add(result =>
        {
            var id = result.GetValueOrDefault<string?>();
            if (id is not null && (IncidentRules.CheckSourceId(id) is not null || id.Contains(':'))) result.AddError($"--run '{id}' is not a usable id");
        });
        _files.Validators.Add(ValueParsers.NoOptions);
        Arguments.Add(_format);
        Arguments.Add(_files);
        Options.Add(_fromStore);
        Options.Add(_mappings);
        Options.Add(_from);
        Options.Add(_to);
        Options.Add(_duration);
        Options.Add(_speed);
        Options.Add(_seed);
        Options.Add(_run);
        Options.Add(_into);
        _server = new ServerOptions(this, "Or a running server on a replay store...", "...with its ingest key");
        Validators.Add(result =>
        {
            if (result.GetValue(_format) is not null && result.GetValue(_files) is not { Length: > 0 }) result.AddError("name at least one file to replay");
            if (result.GetValue(_format) is not null && result.GetResult(_fromStore) is not null) result.AddError("replay files or --from-store, not both");
            if (result.GetResult(_duration) is not null && result.GetResult(_speed) is not null) result.AddError("--duration and --speed exclude each other");
            if (result.GetValue(_from) is { } from && result.GetValue(_to) is { } to && to < from) result.AddError("the period is empty: --to is before --from");
        });
    }

    public override string Notes => """
        Plays incidents through the live path at speed, into a replay store (never the live one) or a server
        running on a replay store. Every replayed incident is tagged as a replay, its time rebased so that the
        replayed period ends as the replay ends.

        police.uk rows give a month only: each is placed on a day of its month drawn uniformly, at an hour drawn
        from the evening-heavy ASB or daytime crime rhythm, seeded by --seed and the row's own id.
        """;

    protected override async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var runId = parsed.GetValue(_run) ?? DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var (incidents, defaultFrom, defaultTo) = await ReadInputAsync(parsed, cancellationToken);
        var from = parsed.GetValue(_from) ?? defaultFrom;
        var to = parsed.GetValue(_to)?.AddDays(1) ?? defaultTo;
        if (to <= from) throw new UsageException($"the period is empty: {from:yyyy-MM-dd} to {to.AddDays(-1):yyyy-MM-dd}");
        var items = Replayer.Prepare(incidents, from, to, parsed.GetValue(_seed));

        var plan = parsed.GetValue(_speed) is { } times ? new ReplayPlan(from, to, times) : ReplayPlan.ForDuration(from, to, parsed.GetValue(_duration) ?? DefaultDuration);

        using var server = _server.Connect(parsed);
        SqliteIncidentStore? store = null;
        try
        {
            IIncidentSink sink;
            if (server is not null)
            {
                sink = server;
            }
            else
            {
                var into = parsed.GetValue(_into)
                    ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Tool.StoreOptions.Path))!, "hotspots-replay.db");
                store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = into, Purpose = StorePurpose.Replay }, TimeProvider.System, cancellationToken);
                sink = new StoreSink(store);
            }
            await Tool.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Replaying {items.Count:N0} incidents of {from:yyyy-MM-dd} to {to.AddDays(-1):yyyy-MM-dd} at {plan.Speed:N0}x ({plan.Duration:hh\\:mm\\:ss}) " +
                $"into {(server is not null ? server.Address.ToString() : store!.Path)}, run {runId}"));
            var report = await ProgressBars.ShowAsync(Tool.Display, "Replaying", task =>
                new Replayer(sink, TimeProvider.System).RunAsync(items, plan, runId, new ProgressBars.Replay(task), cancellationToken));
            await Tool.Output.WriteLineAsync(
                $"Replayed {report.Incidents:N0}: accepted {report.Accepted:N0}, duplicates {report.Duplicates:N0}, refused {report.Refused:N0} " +
                $"in {(report.Finished - report.Started).TotalSeconds:N0} s");
            return ExitCodes.Done;
        }
        finally
        {
            if (store is not null) await store.DisposeAsync();
        }
    }

    private async Task<(IReadOnlyList<Incident> Incidents, DateTimeOffset From, DateTimeOffset To)> ReadInputAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        if (parsed.GetValue(_format) is { } formatName)
        {
            var format = ImportFormat.Find(formatName)!;
            var geography = await Tool.LoadGeographyAsync();
            var collected = new CollectingSink();
            var context = new ImportContext(LabelMappings.Load(parsed.GetValue(_mappings) ?? []), geography.Wards.Index) { Source = format.DefaultSource };
            var report = await new IncidentImporter(collected, context).ImportAsync(format, parsed.GetRequiredValue(_files), cancellationToken: cancellationToken);
            if (report.MalformedCount > 0) await Tool.Output.WriteLineAsync($"Note: {report.MalformedCount:N0} malformed row(s) left out (hotspots import --dry-run lists them)");
            var incidents = collected.Incidents;
            if (incidents.Count == 0) throw new InvalidOperationException("the files hold no incident to replay");
            var end = incidents.Max(i => i.OccurredAt.Precision switch
            {
                TimePrecision.Month => i.OccurredAt.Start.AddMonths(1),
                TimePrecision.Day => i.OccurredAt.Start.AddDays(1),
                _ => i.OccurredAt.Start.AddTicks(1),
            });
            return (incidents, FloorDay(incidents.Min(i => i.OccurredAt.Start)), FloorDay(end) == end ? end : FloorDay(end).AddDays(1));
        }

        var path = parsed.GetValue(_fromStore) ?? Tool.StoreOptions.Path;
        if (!File.Exists(path)) throw new InvalidOperationException($"there is no store at {path}");
        await using var source = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = path }, TimeProvider.System, cancellationToken);
        var latest = await source.LatestOccurredAtAsync(null, cancellationToken)
            ?? throw new InvalidOperationException($"the store at {path} holds no incident");
        var to = parsed.GetValue(_to)?.AddDays(1) ?? FloorDay(latest).AddDays(1);
        var from = parsed.GetValue(_from) ?? to.AddDays(-7);
        // A month-precision row starts on the 1st yet may be spread into the period, so reading starts a month earlier.
        var all = new List<Incident>();
        await foreach (var incident in source.ReadIncidentsAsync(from.AddMonths(-1), to, cancellationToken)) all.Add(incident);
        if (all.Count == 0) throw new InvalidOperationException($"the store at {path} holds no incident in that period");
        return (all, from, to);
    }

    private static DateTimeOffset FloorDay(DateTimeOffset instant) => new(instant.UtcDateTime.Date, TimeSpan.Zero);
}
