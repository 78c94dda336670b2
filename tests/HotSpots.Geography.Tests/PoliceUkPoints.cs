using System.Globalization;

namespace HotSpots.Geography.Tests;

/// <summary>Reads coordinates straight from a police.uk file, independently of the importer under test elsewhere.</summary>
internal static class PoliceUkPoints
{
    public static IReadOnlyList<(double Latitude, double Longitude)> Thurrock(string file) =>
        [.. File.ReadLines(file).Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f.Length >= 12 && f[8].StartsWith("Thurrock", StringComparison.Ordinal) && f[4].Length > 0)
            .Select(f => (double.Parse(f[5], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)))];
}
