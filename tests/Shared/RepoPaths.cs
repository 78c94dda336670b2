namespace HotSpots.Testing;

/// <summary>Where things are, found from the test binaries upwards so tests run from any working directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Dashboards => Path.Combine(Root, "dashboards");

    /// <summary>A made-up partner file shipped with the tool (src/HotSpots.Cli/samples).</summary>
    public static string Sample(string name) => Path.Combine(Root, "src", "HotSpots.Cli", "samples", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HotSpots.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"HotSpots.sln not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>
/// The real public data in ../shared/data (never copied into the project). Tests that need it fail with a clear
/// message when it is missing, in CI and everywhere else: a missing data set must never read as a pass.
/// </summary>
public static class SharedData
{
    public static string Directory
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("HOTSPOTS_SHARED_DATA") ?? Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data"));
            if (!System.IO.Directory.Exists(path))
                throw new InvalidOperationException(
                    $"This test needs the shared reference data at {path} (set HOTSPOTS_SHARED_DATA to point elsewhere). It is missing, so the test fails rather than skips.");
            return path;
        }
    }

    public static string ThurrockWards => Path.Combine(Directory, "boundaries", "essex-wards-2013", "E06000034.geojson");

    public static IReadOnlyList<string> EssexWardFiles =>
        [.. System.IO.Directory.GetFiles(Path.Combine(Directory, "boundaries", "essex-wards-2013"), "*.geojson").Order()];

    public static IReadOnlyList<string> PoliceUkFiles =>
        [.. System.IO.Directory.GetFiles(Path.Combine(Directory, "police-uk"), "*.csv").Order()];

    public static string PoliceUk(string month) => Path.Combine(Directory, "police-uk", $"{month}-essex-street.csv");
}

/// <summary>A folder for one test's files, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Directory.CreateTempSubdirectory("hotspots-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the OS temp cleaner will have it.
        }
    }
}
