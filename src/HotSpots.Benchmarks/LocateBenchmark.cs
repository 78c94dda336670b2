using System.Diagnostics;
using System.Globalization;
using HotSpots.Geography;

namespace HotSpots.Benchmarks;

/// <summary>
/// Ward lookup alone: every police.uk point with coordinates, located in the 304 Essex wards, first with an empty
/// cell grid (each cell is worked out on first use) and then again with the grid warm. Then British National Grid
/// to WGS84 conversion of the same points, one call per point and in blocks of 1024 as the fire and council imports do.
/// </summary>
internal static class LocateBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var data = Path.GetFullPath(Paths.Option(args, "--data", Path.Combine(Paths.Root, "..", "shared", "data")));
        var wardFiles = Directory.GetFiles(Path.Combine(data, "boundaries", "essex-wards-2013"), "*.geojson").Order().ToList();
        var points = Points(data);
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

        var grid = points.Select(p => BritishNationalGrid.FromWgs84(p.Lat, p.Lon)).ToArray();
        for (var pass = 1; pass <= 2; pass++)
        {
            var single = Stopwatch.StartNew();
            var sum = 0d;
            foreach (var (e, n) in grid) sum += BritishNationalGrid.ToWgs84(e, n).Latitude;
            var singleSeconds = single.Elapsed.TotalSeconds;
            var eastings = grid.Select(g => g.Easting).ToArray();
            var northings = grid.Select(g => g.Northing).ToArray();
            var bulk = Stopwatch.StartNew();
            for (var start = 0; start < eastings.Length; start += 1024)
            {
                var length = Math.Min(1024, eastings.Length - start);
                BritishNationalGrid.ToWgs84InPlace(eastings.AsSpan(start, length), northings.AsSpan(start, length));
            }
            var bulkSeconds = bulk.Elapsed.TotalSeconds;
            Console.WriteLine($"  grid to WGS84 pass {pass}  one at a time {grid.Length / singleSeconds,12:N0} points/s   in blocks of 1024 {grid.Length / bulkSeconds,12:N0} points/s  (check {sum + northings[0]:N0})");
        }
        return Task.FromResult(0);
    }

    /// <summary>Every police.uk row with coordinates, all months.</summary>
    public static List<(double Lon, double Lat)> Points(string data)
    {
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
        return points;
    }
}
