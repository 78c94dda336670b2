using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace HotSpots.Application.Reports;

/// <summary>A report that cannot be printed to PDF here: no Chromium, or Chromium failed; the reason is for the reader.</summary>
public sealed class PdfUnavailableException(string message) : Exception(message);

/// <summary>
/// Prints an HTML report to PDF with headless Chromium (found at <see cref="ReportOptions.Chromium"/> or on the PATH), from
/// a temporary file, so the PDF is exactly what a browser prints: A4 pages as the report's print style sets them.
/// </summary>
public sealed class PdfPrinter(IOptions<ReportOptions> options)
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>The Chromium to print with, or null when none is configured or on the PATH.</summary>
    public string? Chromium => options.Value.Chromium is { Length: > 0 } configured
        ? File.Exists(configured) ? configured : null
        : Names.SelectMany(n => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, n)))
            .FirstOrDefault(File.Exists);

    /// <exception cref="PdfUnavailableException">No Chromium, or it did not print.</exception>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken = default)
    {
        var chromium = Chromium ?? throw new PdfUnavailableException(options.Value.Chromium is { Length: > 0 } c
            ? $"PDF is unavailable: HotSpots:Reports:Chromium ('{c}') does not exist"
            : "PDF is unavailable: no Chromium is installed (chromium on the PATH, or set HotSpots:Reports:Chromium); the HTML prints to PDF from any browser");
        var folder = Directory.CreateTempSubdirectory("hotspots-pdf-");
        try
        {
            var page = Path.Combine(folder.FullName, "report.html");
            var pdf = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllTextAsync(page, html, cancellationToken);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                $"--user-data-dir={Path.Combine(folder.FullName, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start) ?? throw new PdfUnavailableException($"PDF is unavailable: {chromium} did not start");
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Patience);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
                throw new PdfUnavailableException($"PDF is unavailable: Chromium exited with {process.ExitCode} and printed nothing ({(await errors).Trim().Split('\n').LastOrDefault()})");
            return await File.ReadAllBytesAsync(pdf, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
