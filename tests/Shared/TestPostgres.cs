using System.Diagnostics;

namespace HotSpots.Testing;

/// <summary>
/// The PostgreSQL server the tests use: the one named by <c>HOTSPOTS_TEST_POSTGRES</c> (a connection string), or else
/// a throwaway cluster of Debian's PostgreSQL 15 started once per test process in a temporary folder and stopped when
/// the process ends. Missing PostgreSQL is a failure with the way to fix it, never a skip.
/// </summary>
public static class TestPostgres
{
    internal const string Bin = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<string> Server = new(Start);

    /// <summary>Connection string of the server's maintenance database (<c>postgres</c>).</summary>
    public static string ConnectionString => Server.Value;

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("HOTSPOTS_TEST_POSTGRES") is { Length: > 0 } given) return given;
        var server = PostgresServer.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server.ConnectionString + ";Pooling=true";
    }

    /// <summary>Runs a PostgreSQL program, as the postgres user when this process is root (initdb refuses root).</summary>
    internal static void Run(string program, params string[] args)
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

/// <summary>
/// A throwaway cluster of Debian's PostgreSQL 15 in a temporary folder, on a port of its own, which a test may stop and
/// start again on the same port (an outage) and which is removed when disposed.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _dir;
    private readonly string _data;
    private readonly int _port;

    private PostgresServer(string dir, int port) => (_dir, _data, _port) = (dir, Path.Combine(dir, "data"), port);

    /// <summary>Connection string of the server's maintenance database (<c>postgres</c>).</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres";

    public static PostgresServer Start()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Path.Combine(TestPostgres.Bin, "initdb")))
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({TestPostgres.Bin}/initdb is missing): run .ci/run, or apt-get install postgresql-15");
        var dir = Directory.CreateTempSubdirectory("hotspots-pg-").FullName;
        File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);
        var server = new PostgresServer(dir, FreePorts.Next());
        TestPostgres.Run("initdb", "-D", server._data, "-A", "trust", "-U", "postgres", "--no-sync");
        server.StartAgain();
        return server;
    }

    /// <summary>A fast shutdown: sessions are ended and clients see their connections close.</summary>
    public void Stop() => TestPostgres.Run("pg_ctl", "-D", _data, "-m", "fast", "-w", "stop");

    /// <summary>Starts the stopped server on the same port.</summary>
    public void StartAgain() =>
        // fsync off: these servers hold test data only, and tests of durability kill our processes, not the machine.
        TestPostgres.Run("pg_ctl", "-D", _data, "-l", Path.Combine(_dir, "server.log"), "-w", "-o",
            $"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", "start");

    public void Dispose()
    {
        try
        {
            TestPostgres.Run("pg_ctl", "-D", _data, "-m", "immediate", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_dir, recursive: true);
    }
}
