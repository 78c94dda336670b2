using System.Diagnostics;
using System.Globalization;
using HotSpots.Geography;

namespace HotSpots.Benchmarks;

/// <summary>
/// Ward lookup alone: every police.uk point with coordinates, located in the 304 Essex wards, first with an empty
/// cell grid (each cell is worked out on first use) and then again with the grid warm.
/// </summary>
internal static class LocateBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var data = Path.GetFullPath(Paths.Option(args, "--data", Path.Combine(Paths.Root, "..", "shared", "data")));
        var wardFiles = Directory.GetFiles(Path.Combine(data, "boundaries", "essex-wards-2013"), "*.geojson").Order().ToList();
        var points = new List<(double Lon, double Lat)>();
        foreach (var file in Directory.GetFiles(Path.Combine(data, "police-uk"), "*.csv").Order())
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var f = line.Split(',');
                if (f.Length > 5 && double.TryParse(f[4], CultureInfo.InvariantCulture, out var lon) && double.TryParse(f[5], CultureInfo.InvariantCulture, out var lat))
                    points.Add((lon, lat));
            }
        }
        var loading = Stopwatch.StartNew();
        var geography = GeographyModel.Load(new GeographyOptions { Wards = { Files = wardFiles } });
        Console.WriteLine($"Locate benchmark: {points.Count:N0} points, {geography.Wards.Areas.Count} wards (loaded in {loading.Elapsed.TotalSeconds:N2} s)");
        for (var pass = 1; pass <= 3; pass++)
        {
            var found = 0;
            var stopwatch = Stopwatch.StartNew();
            foreach (var (lon, lat) in points)
            {
                if (geography.Wards.Index.FindOne(lon, lat) is not null) found++;
            }
            var seconds = stopwatch.Elapsed.TotalSeconds;
            Console.WriteLine($"  pass {pass}{(pass == 1 ? " (cold grid)" : "            ")}  {found,9:N0} placed  {points.Count / seconds,12:N0} points/s");
        }
        return Task.FromResult(0);
    }
}
