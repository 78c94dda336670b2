using System.Diagnostics;
using System.Globalization;
using HotSpots.Domain.Grid;
using HotSpots.Geography;

namespace HotSpots.Benchmarks;

/// <summary>
/// Gi* over all of Essex: the cells of the 304 wards (centres inside a ward), every police.uk point with coordinates
/// added one incident at a time, then the whole county scored again and again, plain and with Benjamini–Hochberg. Then
/// what one more incident costs: its cell and the running sums updated, and one cell's score read.
/// </summary>
internal static class GridBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var data = Path.GetFullPath(Paths.Option(args, "--data", Path.Combine(Paths.Root, "..", "shared", "data")));
        var size = new CellSize(int.Parse(Paths.Option(args, "--cell", CellSize.DefaultMetres.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture));
        var runs = int.Parse(Paths.Option(args, "--runs", "50"), CultureInfo.InvariantCulture);
        var wardFiles = Directory.GetFiles(Path.Combine(data, "boundaries", "essex-wards-2013"), "*.geojson").Order().ToList();
        var geography = GeographyModel.Load(new GeographyOptions { Wards = { Files = wardFiles } });
        var points = LocateBenchmark.Points(data);

        var covering = Stopwatch.StartNew();
        var cells = GridCoverage.Cells(geography.Wards, size);
        var coverSeconds = covering.Elapsed.TotalSeconds;
        var building = Stopwatch.StartNew();
        var grid = new CellGrid(size, cells);
        var buildMs = building.Elapsed.TotalMilliseconds;
        Console.WriteLine($"Grid benchmark: {geography.Wards.Areas.Count} wards, {cells.Count:N0} cells of {size.Metres} m (found in {coverSeconds:N2} s, neighbour lists in {buildMs:N0} ms)");

        var grid27700 = points.Select(p => BritishNationalGrid.FromWgs84(p.Lat, p.Lon)).ToArray();
        var adding = Stopwatch.StartNew();
        var placed = grid27700.Count(p => grid.Add(p.Easting, p.Northing));
        var addSeconds = adding.Elapsed.TotalSeconds;
        Console.WriteLine($"  {placed:N0} of {points.Count:N0} points added one at a time: {addSeconds / placed * 1e9:N0} ns each");

        foreach (var fdr in new[] { false, true })
        {
            for (var warm = 0; warm < 3; warm++) grid.ScoreAll(fdr);
            var times = new double[runs];
            GiStarScores scores = null!;
            for (var run = 0; run < runs; run++)
            {
                var stopwatch = Stopwatch.StartNew();
                scores = grid.ScoreAll(fdr);
                times[run] = stopwatch.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            var bins = string.Join("  ", Enumerable.Range(-3, 7).Reverse().Select(b => $"{b:+0;-0;0}: {scores.Cells.Count(c => c.Bin == b):N0}"));
            Console.WriteLine($"  all cells{(fdr ? ", FDR" : "     ")}  median {times[runs / 2]:N2} ms  max {times[^1]:N2} ms  over {runs} runs   bins {bins}");
        }

        var one = grid27700.First(p => grid.TryIndexOf(size.CellAt(p.Easting, p.Northing), out _));
        grid.TryIndexOf(size.CellAt(one.Easting, one.Northing), out var index);
        const int Incidents = 100_000;
        var live = Stopwatch.StartNew();
        var z = 0d;
        for (var k = 0; k < Incidents; k++)
        {
            grid.Add(one.Easting, one.Northing);
            z += grid.Score(index).Z ?? 0;
        }
        Console.WriteLine($"  one more incident and its cell's Gi* read again: {live.Elapsed.TotalMilliseconds * 1e6 / Incidents:N0} ns (check {z:N0})");
        return Task.FromResult(0);
    }
}
