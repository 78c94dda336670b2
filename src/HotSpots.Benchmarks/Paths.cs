namespace HotSpots.Benchmarks;

internal static class Paths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "HotSpots.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("HotSpots.sln not found above the benchmark binaries");
        }
    }

    public static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
