using System.Globalization;
using HotSpots.Application.Areas;
using HotSpots.Application.Ingest;
using HotSpots.Domain.Incidents;
using HotSpots.Geography;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Drills;

/// <summary>A named training scenario: so many incidents of a category in an area within a time.</summary>
public sealed class DrillScenario
{
    public string Description { get; set; } = "";

    public string Category { get; set; } = "";

    public int Count { get; set; }

    public TimeSpan Within { get; set; } = TimeSpan.FromHours(3);

    /// <summary>A ward or zone code, or a ward name.</summary>
    public string Area { get; set; } = "";
}

/// <summary>What a user asks for: a scenario by name, with any of its figures changed.</summary>
public sealed record DrillRequest(string Scenario, string? Area = null, int? Count = null, TimeSpan? Within = null);

/// <summary>A drill that ran: what was injected, where, and what the store made of it.</summary>
public sealed record DrillRun(
    string Id, string Scenario, string Description, string Category, string AreaSet, string AreaCode, string AreaName,
    int Count, int Accepted, DateTimeOffset From, DateTimeOffset To);

public sealed class DrillException(string message) : Exception(message);

/// <summary>
/// Injects a scenario's incidents through the ingest path, tagged as drills (origin <c>drill</c>, source <c>drill</c>,
/// location text starting "DRILL"), so they show on the map and reach alerts end to end but never enter a baseline.
/// Their times are spread evenly over the scenario's window ending now, so the whole spike is in place at once;
/// their points are random inside the area.
/// </summary>
public sealed class DrillRunner(IncidentIngestor ingestor, ICurrentGeography current, IOptions<DrillOptions> configured, TimeProvider time)
{
    private readonly DrillOptions _options = configured.Value;

    public const string Source = "drill";

    /// <summary>The longest window a drill's incidents are spread over.</summary>
    public static readonly TimeSpan MaxWithin = TimeSpan.FromDays(28);

    public const int MaxCount = 1000;

    public IReadOnlyDictionary<string, DrillScenario> Scenarios => _options.Scenarios;

    public async Task<DrillRun> RunAsync(DrillRequest request, CancellationToken cancellationToken = default)
    {
        if (!_options.Scenarios.TryGetValue(request.Scenario, out var scenario))
            throw new DrillException($"no drill scenario '{request.Scenario}'; known: {string.Join(", ", _options.Scenarios.Keys.Order())}");
        var count = request.Count ?? scenario.Count;
        var within = request.Within ?? scenario.Within;
        if (count is < 1 or > MaxCount) throw new DrillException($"a drill injects 1 to {MaxCount} incidents, not {count}");
        if (within <= TimeSpan.Zero || within > MaxWithin) throw new DrillException($"a drill's window is up to {MaxWithin.TotalDays} days, not {within}");
        if (!Categories.TryParse(scenario.Category, out var category)) throw new DrillException($"scenario '{request.Scenario}' has unknown category '{scenario.Category}'");
        var (set, area) = FindArea(request.Area ?? scenario.Area);

        var now = time.GetUtcNow();
        var id = $"{now:yyyyMMddHHmmss}-{Random.Shared.Next(0x10000):x4}";
        var random = new Random(id.GetHashCode(StringComparison.Ordinal));
        var sampler = new AreaSampler(area);
        var items = new List<IncidentSubmission?>(count);
        for (var i = 0; i < count; i++)
        {
            // Evenly spaced, the last a minute before now, so every one is inside a window that ends now.
            var at = now - TimeSpan.FromMinutes(1) - within * (count - 1 - i) / count;
            var (latitude, longitude) = sampler.Next(random);
            items.Add(new IncidentSubmission(Source, $"{id}-{i + 1}", category.Slug(), at.ToString("O", CultureInfo.InvariantCulture),
                latitude, longitude, null, null, $"DRILL {request.Scenario}"));
        }
        var results = await ingestor.IngestAsync(items, IncidentOrigin.Drill, cancellationToken);
        if (results.All(r => r.Status == IngestStatus.Rejected)) throw new DrillException($"the drill was refused: {results[0].Reason}");
        return new DrillRun(id, request.Scenario, Describe(scenario, request.Area is null, count, within, area), category.Slug(), set.Name, area.Code, area.Name,
            count, results.Count(r => r.Status == IngestStatus.Accepted), now - within, now);
    }

    private (AreaSet Set, Area Area) FindArea(string nameOrCode)
    {
        var geography = current.Geography;
        foreach (var set in new[] { geography.Wards, geography.Zones })
        {
            if (set.ByCode.TryGetValue(nameOrCode, out var byCode)) return (set, byCode);
        }
        var byName = geography.Wards.Areas.Concat(geography.Zones.Areas)
            .FirstOrDefault(a => string.Equals(a.Name, nameOrCode, StringComparison.OrdinalIgnoreCase));
        if (byName is not null) return (geography.Wards.ByCode.ContainsKey(byName.Code) ? geography.Wards : geography.Zones, byName);
        throw new DrillException($"no ward or zone '{nameOrCode}' in the loaded geography");
    }

    private static string Describe(DrillScenario scenario, bool sameArea, int count, TimeSpan within, Area area) =>
        sameArea && count == scenario.Count && within == scenario.Within && scenario.Description.Length > 0
            ? scenario.Description
            : $"{count} {scenario.Category} incidents in {area.Name} within {within.TotalHours:0.#} hours";
}
