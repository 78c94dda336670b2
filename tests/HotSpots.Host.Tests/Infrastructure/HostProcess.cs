using System.Diagnostics;
using System.Runtime.InteropServices;
using HotSpots.Testing;

namespace HotSpots.Host.Tests.Infrastructure;

/// <summary>The host as a separate OS process (so it can really be killed), started from the test's output folder.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];
    private Uri? _address;

    private HostProcess(IEnumerable<string> settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HotSpots.Host.dll"));
        // A random loopback port unless the settings name one (a restart on the same address).
        if (!settings.Any(s => s.StartsWith("--urls=", StringComparison.Ordinal))) info.ArgumentList.Add("--urls=http://127.0.0.1:0");
        if (!settings.Any(s => s.StartsWith("--HotSpots:Cluster:SiloPort=", StringComparison.Ordinal))) info.ArgumentList.Add($"--HotSpots:Cluster:SiloPort={FreePorts.Next()}");
        foreach (var s in settings) info.ArgumentList.Add(s);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"the host exited early:\n{Output}"));
        _process.EnableRaisingEvents = true;
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output) return string.Join('\n', _output);
        }
    }

    public Uri BaseAddress => _listening.Task.Result;

    public static async Task<HostProcess> StartAsync(params string[] settings)
    {
        var host = new HostProcess(settings);
        await host._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>Starts a host that must refuse to start: its exit code and every line it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RefusedAsync(params string[] settings)
    {
        await using var host = new HostProcess(settings);
        var exited = host._process.WaitForExitAsync();
        await Task.WhenAny(exited, host._listening.Task).WaitAsync(TimeSpan.FromSeconds(60));
        if (host._listening.Task.IsCompletedSuccessfully) throw new InvalidOperationException($"the host started:\n{host.Output}");
        await exited;
        return (host._process.ExitCode, host.Output);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; what was acknowledged must already be on disk.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an operator's stop or a container runtime sends it: the host shuts down in order.</summary>
    public async Task StopAsync()
    {
        const int sigterm = 15;
        if (Kill(_process.Id, sigterm) != 0) throw new InvalidOperationException($"could not signal the host (errno {Marshal.GetLastPInvokeError()})");
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        const string marker = "HotSpots listening on ";
        if (line.StartsWith(marker, StringComparison.Ordinal)) _address = new Uri(line[marker.Length..].Trim());
        // The banner's store line follows the address; tests read the whole banner once started.
        else if (_address is not null && line.StartsWith("  Store: ", StringComparison.Ordinal)) _listening.TrySetResult(_address);
    }
}
