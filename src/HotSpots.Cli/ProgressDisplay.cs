using HotSpots.Application.Imports;

namespace HotSpots.Cli;

/// <summary>A one-line progress bar on a terminal; a plain line every ten seconds when output is redirected.</summary>
internal sealed class ProgressDisplay(TextWriter output, bool interactive) : IProgress<ImportProgress>
{
    private readonly long _started = Environment.TickCount64;
    private long _lastShown = long.MinValue;
    private bool _drawn;

    public void Report(ImportProgress value)
    {
        var now = Environment.TickCount64;
        if (now - _lastShown < (interactive ? 200 : 10_000)) return;
        _lastShown = now;
        var seconds = Math.Max(0.001, (now - _started) / 1000d);
        var fraction = value.TotalBytes > 0 ? Math.Clamp((double)value.BytesRead / value.TotalBytes, 0, 1) : 0;
        var eta = fraction > 0 ? TimeSpan.FromSeconds(seconds / fraction - seconds) : TimeSpan.Zero;
        var text = $"{fraction,4:P0} {value.Rows,12:N0} rows {value.Rows / seconds,10:N0} rows/s  ETA {eta:mm\\:ss}";
        if (interactive)
        {
            var bar = new string('#', (int)(fraction * 30)).PadRight(30, '.');
            output.Write($"\r[{bar}] {text}");
            _drawn = true;
        }
        else
        {
            output.WriteLine(text);
        }
    }

    public void Finish()
    {
        if (_drawn) output.WriteLine();
    }
}
