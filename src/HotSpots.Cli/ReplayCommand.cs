using System.Globalization;
using HotSpots.Application.Imports;
using HotSpots.Application.Replay;
using HotSpots.Domain.Incidents;
using HotSpots.Store;
using HotSpots.Store.Sqlite;

namespace HotSpots.Cli;

/// <summary><c>hotspots replay</c></summary>
internal sealed class ReplayCommand : ICommand
{
    public string Usage => """
        Usage: hotspots replay [FORMAT FILE...] [options]

        Plays incidents through the live path at speed, into a replay store (never the live one) or a server
        running on a replay store. Every replayed incident is tagged as a replay, its time rebased so that the
        replayed period ends as the replay ends.

        Input (one of):
          FORMAT FILE...       police-uk, fire or council files (read as by hotspots import)
          --from-store PATH    a store (default: the configured store)

        Options:
          --from yyyy-MM-dd    first day of the period (default: files, their first day; a store, 7 days before its latest)
          --to yyyy-MM-dd      last day of the period, inclusive (default: the data's last day)
          --duration TIME      how long the replay takes on the clock, e.g. 5m, 90s, 1h (default 5m) ...
          --speed N            ... or how many times faster than real time
          --seed N             spreads month- and day-precision rows over their period reproducibly (default 1)
          --run ID             the replay's id, prefixed to every replayed incident id (default: the start time)
          --into PATH          the replay store (default: hotspots-replay.db beside the configured store)
          --server URL         or a running server on a replay store ...
          --api-key KEY        ... with its ingest key

        police.uk rows give a month only: each is placed on a day of its month drawn uniformly, at an hour drawn
        from the evening-heavy ASB or daytime crime rhythm, seeded by --seed and the row's own id.
        """;

    public IReadOnlySet<string> Options { get; } = new HashSet<string>
    {
        "--from-store", "--from", "--to", "--duration", "--speed", "--seed", "--run", "--into", "--server", "--api-key", "--mappings",
    };

    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(Arguments arguments, Tool tool, CancellationToken cancellationToken)
    {
        var seed = Number(arguments.Value("--seed") ?? "1", "--seed");
        var runId = arguments.Value("--run") ?? DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        if (IncidentRules.CheckSourceId(runId) is not null || runId.Contains(':')) throw new UsageException($"--run '{runId}' is not a usable id");
        double? speed = arguments.Value("--speed") is { } s
            ? double.TryParse(s, CultureInfo.InvariantCulture, out var x) && x >= 1 ? x : throw new UsageException($"--speed '{s}' is not a number of at least 1")
            : null;
        var duration = Arguments.Duration(arguments.Value("--duration") ?? "5m");
        var (incidents, defaultFrom, defaultTo) = await ReadInputAsync(arguments, tool, cancellationToken);
        var from = arguments.Value("--from") is { } f ? Day(f, "--from") : defaultFrom;
        var to = arguments.Value("--to") is { } t ? Day(t, "--to").AddDays(1) : defaultTo;
        if (to <= from) throw new UsageException("the period is empty: --to is before --from");
        var items = Replayer.Prepare(incidents, from, to, seed);

        var plan = speed is { } times ? new ReplayPlan(from, to, times) : ReplayPlan.ForDuration(from, to, duration);

        using var server = Tool.Server(arguments);
        IIncidentStore? store = null;
        try
        {
            IIncidentSink sink;
            if (server is not null)
            {
                sink = server;
            }
            else
            {
                var into = arguments.Value("--into")
                    ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(tool.StoreOptions.Path))!, "hotspots-replay.db");
                store = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = into, Purpose = StorePurpose.Replay }, TimeProvider.System, cancellationToken);
                sink = new StoreSink(store);
            }
            await tool.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Replaying {items.Count:N0} incidents of {from:yyyy-MM-dd} to {to.AddDays(-1):yyyy-MM-dd} at {plan.Speed:N0}x ({plan.Duration:hh\\:mm\\:ss}) " +
                $"into {(server is not null ? server.Address.ToString() : ((SqliteIncidentStore)store!).Path)}, run {runId}"));
            var progress = new ReplayProgressDisplay(tool.Output);
            var report = await new Replayer(sink, TimeProvider.System).RunAsync(items, plan, runId, progress, cancellationToken);
            await tool.Output.WriteLineAsync(
                $"Replayed {report.Incidents:N0}: accepted {report.Accepted:N0}, duplicates {report.Duplicates:N0}, refused {report.Refused:N0} " +
                $"in {(report.Finished - report.Started).TotalSeconds:N0} s");
            return 0;
        }
        finally
        {
            if (store is not null) await store.DisposeAsync();
        }
    }

    private static async Task<(IReadOnlyList<Incident> Incidents, DateTimeOffset From, DateTimeOffset To)> ReadInputAsync(
        Arguments arguments, Tool tool, CancellationToken cancellationToken)
    {
        if (arguments.Positional is [var formatName, .. var files])
        {
            var format = ImportFormat.Find(formatName) ?? throw new UsageException($"unknown format '{formatName}'");
            if (files.Count == 0) throw new UsageException("name at least one file to replay");
            var geography = await tool.LoadGeographyAsync();
            var collected = new CollectingSink();
            var context = new ImportContext(LabelMappings.Load(arguments.Values("--mappings")), geography.Wards.Index) { Source = format.DefaultSource };
            var report = await new IncidentImporter(collected, context).ImportAsync(format, files, cancellationToken: cancellationToken);
            if (report.MalformedCount > 0) await tool.Output.WriteLineAsync($"Note: {report.MalformedCount:N0} malformed row(s) left out (hotspots import --dry-run lists them)");
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

        var path = arguments.Value("--from-store") ?? tool.StoreOptions.Path;
        if (!File.Exists(path)) throw new InvalidOperationException($"there is no store at {path}");
        await using var source = await SqliteIncidentStore.OpenAsync(new SqliteStoreOptions { Path = path }, TimeProvider.System, cancellationToken);
        var latest = await source.LatestOccurredAtAsync(null, cancellationToken)
            ?? throw new InvalidOperationException($"the store at {path} holds no incident");
        var to = arguments.Value("--to") is { } t ? Day(t, "--to").AddDays(1) : FloorDay(latest).AddDays(1);
        var from = arguments.Value("--from") is { } f ? Day(f, "--from") : to.AddDays(-7);
        // A month-precision row starts on the 1st yet may be spread into the period, so reading starts a month earlier.
        var all = new List<Incident>();
        await foreach (var incident in source.ReadIncidentsAsync(from.AddMonths(-1), to, cancellationToken)) all.Add(incident);
        if (all.Count == 0) throw new InvalidOperationException($"the store at {path} holds no incident in that period");
        return (all, from, to);
    }

    private static DateTimeOffset FloorDay(DateTimeOffset instant) => new(instant.UtcDateTime.Date, TimeSpan.Zero);

    private static DateTimeOffset Day(string text, string option) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day, TimeSpan.Zero)
            : throw new UsageException($"{option} '{text}' is not yyyy-MM-dd");

    private static int Number(string text, string option) =>
        int.TryParse(text, CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException($"{option} '{text}' is not a whole number");

    /// <summary>A line at most every ten seconds: how many sent and how far through the period.</summary>
    private sealed class ReplayProgressDisplay(TextWriter output) : IProgress<ReplayProgress>
    {
        private long _lastShown = Environment.TickCount64;

        public void Report(ReplayProgress value)
        {
            var now = Environment.TickCount64;
            if (now - _lastShown < 10_000 && value.Sent < value.Total) return;
            _lastShown = now;
            output.WriteLine($"  {value.Sent:N0} of {value.Total:N0} sent, replayed up to {value.ReplayedUpTo:yyyy-MM-dd HH:mm}");
        }
    }
}
