using System.Diagnostics;

namespace HotSpots.Testing;

/// <summary>
/// The PostgreSQL server the tests use: the one named by <c>HOTSPOTS_TEST_POSTGRES</c> (a connection string), or else
/// a throwaway cluster of Debian's PostgreSQL 15 started once per test process in a temporary folder and stopped when
/// the process ends. Missing PostgreSQL is a failure with the way to fix it, never a skip.
/// </summary>
public static class TestPostgres
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<string> Server = new(Start);

    /// <summary>Connection string of the server's maintenance database (<c>postgres</c>).</summary>
    public static string ConnectionString => Server.Value;

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("HOTSPOTS_TEST_POSTGRES") is { Length: > 0 } given) return given;
        if (!OperatingSystem.IsLinux() || !File.Exists(Path.Combine(Bin, "initdb")))
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({Bin}/initdb is missing): run .ci/run, or apt-get install postgresql-15, or set HOTSPOTS_TEST_POSTGRES");
        var dir = Directory.CreateTempSubdirectory("hotspots-pg-").FullName;
        File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);
        var data = Path.Combine(dir, "data");
        var port = FreePorts.Next();
        Run("initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync");
        // fsync off: these servers hold test data only, and tests of durability kill our processes, not the machine.
        Run("pg_ctl", "-D", data, "-l", Path.Combine(dir, "server.log"), "-w", "-o",
            $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run("pg_ctl", "-D", data, "-m", "immediate", "stop");
            Directory.Delete(dir, recursive: true);
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true";
    }

    /// <summary>Runs a PostgreSQL program, as the postgres user when this process is root (initdb refuses root).</summary>
    private static void Run(string program, params string[] args)
    {
        var asRoot = Environment.UserName == "root";
        var info = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(Bin, program)) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", Path.Combine(Bin, program) }) info.ArgumentList.Add(a);
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error}{output.Result}");
    }
}
