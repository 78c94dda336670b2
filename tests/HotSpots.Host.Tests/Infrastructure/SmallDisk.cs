using System.Diagnostics;

namespace HotSpots.Host.Tests.Infrastructure;

/// <summary>
/// A tmpfs of a few megabytes, mounted for one test, to fill up as a real disk would. Mounting needs root (CI runs
/// the tests as root); as root a file's mode does not stop writes either, so a read-only file is made with a read-only
/// bind mount over it.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static SmallDisk Mount(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("hotspots-disk-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Writes a file that takes every byte left; deleting it gives the space back.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        var chunk = new byte[64 * 1024];
        // Down to single bytes, so that not even a page is left.
        for (var size = chunk.Length; size > 0; size /= 2)
        {
            try
            {
                while (true) stream.Write(chunk, 0, size);
            }
            catch (IOException)
            {
            }
        }
        return filler;
    }

    /// <summary>Makes one file read-only (a read-only bind mount over it) until disposed; the folder around it stays writable.</summary>
    public static IDisposable ReadOnlyFile(string file)
    {
        Run("mount", "--bind", file, file);
        Run("mount", "-o", "remount,ro,bind", file);
        return new Unmount(file);
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private sealed class Unmount(string path) : IDisposable
    {
        public void Dispose() => Run("umount", "-l", path);
    }

    private static void Run(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({error.Trim()}); a small disk needs root (CAP_SYS_ADMIN)");
    }
}
