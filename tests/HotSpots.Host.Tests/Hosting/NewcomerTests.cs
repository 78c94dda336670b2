using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HotSpots.Testing;

namespace HotSpots.Host.Tests.Hosting;

/// <summary>
/// What a newcomer does first: README's commands, typed from the repository root of a fresh copy of the project, with
/// the reference data beside it as README assumes (../shared/data).
/// </summary>
public sealed partial class NewcomerTests
{
    [Fact]
    public async Task README_commands_run_literally_from_the_repository_root_import_police_uk_rows_that_the_server_then_shows()
    {
        using var dir = new TempDirectory();
        var clone = FreshCopy(dir.Path);
        File.CreateSymbolicLink(Path.Combine(Directory.CreateDirectory(Path.Combine(dir.Path, "shared")).FullName, "data"), SharedData.Directory);
        var readme = File.ReadAllText(Path.Combine(clone, "README.md"));

        // The tool's build, the alias and the police.uk import, exactly as README shows them.
        var importLines = Block(readme, "alias hotspots=").Split('\n')
            .Where(l => l.StartsWith("dotnet build ") || l.StartsWith("alias ") || l.StartsWith("hotspots import police-uk")).ToList();
        Assert.Equal(3, importLines.Count);
        var (importCode, importOutput) = await RunAsync(clone, "shopt -s expand_aliases\n" + string.Join('\n', importLines), TimeSpan.FromMinutes(8));
        Assert.True(importCode == 0, importOutput);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(clone, "import.json")));
        var imported = report.RootElement.GetProperty("imported").GetInt64();
        Assert.True(imported > 1_000, importOutput);

        // The real-boundaries server command, on a free port instead of README's 5080 (tests run side by side).
        var serverCommand = Block(readme, "$(for f in ../shared/data/boundaries").Replace("http://127.0.0.1:5080", $"http://127.0.0.1:{FreePorts.Next()}");
        await using var server = ShellProcess.Start(clone, serverCommand, ("HotSpots__Cluster__SiloPort", FreePorts.Next().ToString()));
        var url = await server.WaitForLineAsync(new Regex("HotSpots listening on (\\S+)"), TimeSpan.FromMinutes(8));
        var viewerKey = await server.WaitForLineAsync(new Regex("Viewer key \\(Bearer, for scripts reading the API\\): (\\S+)"), TimeSpan.FromSeconds(10));
        await server.WaitForLineAsync(new Regex("Ward files: (.+)"), TimeSpan.FromSeconds(10));

        Assert.Contains($"Store: {Path.Combine(clone, "data", "hotspots.db")}", server.Output);
        Assert.Contains($"Ward files: {Path.Combine(dir.Path, "shared", "data", "boundaries", "essex-wards-2013")}: E06000033.geojson, E06000034.geojson", server.Output);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", viewerKey);
        var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Equal(304, status.GetProperty("wards").GetInt32());
        Assert.Equal(imported, status.GetProperty("incidents").GetInt64());
        var april = await client.GetFromJsonAsync<JsonElement>("/api/heat?window=month&month=2018-04");
        var thurrock = april.GetProperty("areas").EnumerateArray().Where(a => a.GetProperty("code").GetString()!.StartsWith("E05002", StringComparison.Ordinal));
        Assert.True(thurrock.Sum(a => a.GetProperty("observed").GetInt32()) > 1_000, april.ToString());
    }

    [Fact]
    public async Task A_missing_boundary_file_stops_the_server_with_one_line_that_names_it_and_where_it_was_looked_for()
    {
        using var dir = new TempDirectory();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "HotSpots.Host.dll"), "--urls=http://127.0.0.1:0", "--HotSpots:Geography:Wards:Files:0=boundaries/nowhere.geojson" })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("", (await stdout).Trim());
        Assert.Equal(
            $"HotSpots cannot start: boundary file boundaries/nowhere.geojson does not exist (looked for {Path.Combine(dir.Path, "boundaries", "nowhere.geojson")}).",
            (await stderr).Trim());
        Assert.False(File.Exists(Path.Combine(dir.Path, "data", "hotspots.db")));
    }

    /// <summary>The project's files as a clone would have them (tracked and new, not ignored), so uncommitted work is what runs.</summary>
    private static string FreshCopy(string parent)
    {
        var clone = Directory.CreateDirectory(Path.Combine(parent, "hotspots")).FullName;
        var info = new ProcessStartInfo("git") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true };
        foreach (var a in new[] { "ls-files", "-z", "--cached", "--others", "--exclude-standard" }) info.ArgumentList.Add(a);
        using var git = Process.Start(info)!;
        var files = git.StandardOutput.ReadToEnd().Split('\0', StringSplitOptions.RemoveEmptyEntries);
        git.WaitForExit();
        foreach (var file in files.Where(f => File.Exists(Path.Combine(RepoPaths.Root, f))))
        {
            var target = Path.Combine(clone, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepoPaths.Root, file), target);
        }
        return clone;
    }

    /// <summary>The README code block that contains <paramref name="marker"/>, a command continued with \ on one line.</summary>
    private static string Block(string readme, string marker) =>
        CodeBlocks().Matches(readme).Select(m => m.Groups[1].Value.Replace("\\\n", "", StringComparison.Ordinal)).Single(b => b.Contains(marker, StringComparison.Ordinal));

    private static async Task<(int ExitCode, string Output)> RunAsync(string directory, string script, TimeSpan timeout)
    {
        await using var shell = ShellProcess.Start(directory, script);
        return (await shell.WaitForExitAsync(timeout), shell.Output);
    }

    [GeneratedRegex("```sh\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlocks();

    /// <summary>A bash script run as a user would type it, its output collected line by line.</summary>
    private sealed class ShellProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly List<(Regex Pattern, TaskCompletionSource<string> Found)> _waiting = [];

        private ShellProcess(Process process) => _process = process;

        public string Output
        {
            get
            {
                lock (_output) return _output.ToString();
            }
        }

        public static ShellProcess Start(string directory, string script, params (string Name, string Value)[] environment)
        {
            var info = new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(script);
            foreach (var (name, value) in environment) info.Environment[name] = value;
            var shell = new ShellProcess(new Process { StartInfo = info });
            shell._process.OutputDataReceived += (_, e) => shell.OnLine(e.Data);
            shell._process.ErrorDataReceived += (_, e) => shell.OnLine(e.Data);
            shell._process.Start();
            shell._process.BeginOutputReadLine();
            shell._process.BeginErrorReadLine();
            return shell;
        }

        /// <summary>The first group of the first line matching <paramref name="pattern"/>, seen already or still to come.</summary>
        public async Task<string> WaitForLineAsync(Regex pattern, TimeSpan timeout)
        {
            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_output)
            {
                if (pattern.Match(_output.ToString()) is { Success: true } seen) return seen.Groups[1].Value;
                _waiting.Add((pattern, found));
            }
            var exited = _process.WaitForExitAsync();
            if (await Task.WhenAny(found.Task, exited).WaitAsync(timeout) != found.Task)
                throw new InvalidOperationException($"the command ended before printing /{pattern}/:\n{Output}");
            return await found.Task;
        }

        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }

        private void OnLine(string? line)
        {
            if (line is null) return;
            lock (_output)
            {
                _output.AppendLine(line);
                foreach (var (pattern, found) in _waiting)
                {
                    if (pattern.Match(line) is { Success: true } match) found.TrySetResult(match.Groups[1].Value);
                }
            }
        }
    }
}
