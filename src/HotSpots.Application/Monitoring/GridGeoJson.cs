using System.Runtime.CompilerServices;
using HotSpots.Domain.Grid;
using HotSpots.Geography;

namespace HotSpots.Application.Monitoring;

/// <summary>
/// Grid readings as GeoJSON FeatureCollections: what was asked and how the grid came out as the collection's members,
/// then each listed cell a WGS84 square (<see cref="BritishNationalGrid.Squares"/>) identified by its column and row.
/// </summary>
public static class GridGeoJson
{
    // The grid service hands every request asking the same question of the same incidents one reading: writing it
    // once serves them all.
    private static readonly ConditionalWeakTable<GridReading, Lazy<byte[]>> Written = [];

    /// <summary>The reading's GeoJSON, written once per reading.</summary>
    public static byte[] Shared(GridReading reading) => Written.GetValue(reading, r => new Lazy<byte[]>(() => Write(r))).Value;

    public static byte[] Write(GridReading reading)
    {
        var selection = reading.Selection;
        var members = new List<KeyValuePair<string, object>>
        {
            new("set", selection.Heat.SetName),
            new("group", selection.Heat.Group.Slug),
            new("window", selection.Heat.Window.Slug),
        };
        if (selection.Heat.MonthText is { } month) members.Add(new("month", month));
        members.AddRange(
        [
            new("cell", selection.Size.Metres),
            new("fdr", selection.FalseDiscoveryRate),
            new("harm", reading.Harm),
            new("cells", reading.CellCount),
            new("total", reading.Total),
            new("hasVariance", reading.HasVariance),
            new("mean", Math.Round(reading.Mean, 6)),
            new("standardDeviation", Math.Round(reading.StandardDeviation, 6)),
            new("note", reading.HasVariance
                ? $"Gi* over all {reading.CellCount} cells, empty ones included; only cells with incidents or a significant score are listed."
                : "Every cell has the same count, so there are no hot or cold spots: z is null."),
        ]);
        var squares = BritishNationalGrid.Squares([.. reading.Cells.Select(c => (c.Easting, c.Northing))], selection.Size.Metres);
        return GeoJsonWriter.FeatureCollection(members, reading.Cells.Select((cell, i) => new GeoFeature(Id(cell.Cell), squares[i],
        [
            new("easting", cell.Easting),
            new("northing", cell.Northing),
            new("count", Math.Round(cell.Value, 6)),
            new("z", Rounded(cell.Score.Z)),
            new("p", Math.Round(cell.Score.P, 6)),
            new("bin", cell.Score.Bin),
            new("class", CellScore.Describe(cell.Score.Bin)),
        ])));
    }

    public static byte[] Write(EmergingReading reading)
    {
        var selection = reading.Selection;
        KeyValuePair<string, object>[] members =
        [
            new("set", selection.Heat.SetName),
            new("group", selection.Heat.Group.Slug),
            new("step", selection.Step == EmergingStep.Month ? "month" : "week"),
            new("steps", reading.StepLabels),
            new("cell", selection.Size.Metres),
            new("fdr", selection.FalseDiscoveryRate),
            new("harm", reading.Harm),
            new("cells", reading.CellCount),
            new("note", $"Gi* per step over all {reading.CellCount} cells and a Mann–Kendall trend on each cell's z-scores (α = {EmergingHotSpots.DefaultTrendAlpha}); only cells with a pattern or incidents are listed."),
        ];
        var squares = BritishNationalGrid.Squares([.. reading.Cells.Select(c => (c.Easting, c.Northing))], selection.Size.Metres);
        return GeoJsonWriter.FeatureCollection(members, reading.Cells.Select((cell, i) => new GeoFeature(Id(cell.Cell), squares[i],
        [
            new("easting", cell.Easting),
            new("northing", cell.Northing),
            new("count", Math.Round(cell.Value, 6)),
            new("pattern", PatternSlug(cell.Result.Pattern)),
            new("class", Describe(cell.Result.Pattern)),
            new("z", Rounded(cell.Last.Z)),
            new("bin", cell.Last.Bin),
            new("trendZ", Math.Round(cell.Result.Trend.Z, 4)),
            new("trendP", Math.Round(cell.Result.Trend.P, 6)),
        ])));
    }

    /// <summary>ArcGIS Pro's name of a pattern, in words.</summary>
    public static string Describe(EmergingPattern pattern) =>
        pattern == EmergingPattern.NoPattern ? "No pattern detected" : string.Concat(PatternSlug(pattern).Split('-').Select((w, i) => i == 0 ? char.ToUpperInvariant(w[0]) + w[1..] : " " + w));

    private static string PatternSlug(EmergingPattern pattern) =>
        string.Concat(pattern.ToString().Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "-") + char.ToLowerInvariant(c) : c.ToString()));

    private static string Id(GridCell cell) => $"{cell.Column}/{cell.Row}";

    /// <summary>A z-score to four places; null (no variance) stays null.</summary>
    private static object? Rounded(double? z) => z is { } value ? Math.Round(value, 4) : null;
}
