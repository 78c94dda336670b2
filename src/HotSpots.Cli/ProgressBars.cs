using HotSpots.Application.Imports;
using HotSpots.Application.Replay;
using Spectre.Console;

namespace HotSpots.Cli;

/// <summary>
/// Import and replay progress as a Spectre.Console progress bar. At a terminal it is redrawn in place; when output is
/// redirected Spectre prints a plain line instead when the bar first shows, as it passes 25, 50, 75 and 95 to 99 per
/// cent, and every 30 s when stuck.
/// </summary>
internal static class ProgressBars
{
    public static Task<T> ShowAsync<T>(IAnsiConsole display, string description, Func<ProgressTask, Task<T>> work) =>
        display.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description));
                var result = await work(task);
                task.Value = task.MaxValue;
                return result;
            });

    /// <summary>How far through the files' bytes, with rows read and the rate in the description.</summary>
    public sealed class Import(ProgressTask task) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            task.MaxValue = Math.Max(1, value.TotalBytes);
            task.Value = value.BytesRead;
            var seconds = task.ElapsedTime?.TotalSeconds ?? 0;
            task.Description = seconds > 0 ? $"{value.Rows:N0} rows, {value.Rows / seconds:N0} rows/s" : $"{value.Rows:N0} rows";
        }
    }

    /// <summary>How many sent, and how far through the replayed period.</summary>
    public sealed class Replay(ProgressTask task) : IProgress<ReplayProgress>
    {
        public void Report(ReplayProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Sent;
            task.Description = $"{value.Sent:N0} sent, replayed up to {value.ReplayedUpTo:yyyy-MM-dd HH:mm}";
        }
    }
}
