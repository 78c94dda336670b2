namespace HotSpots.Application.Imports;

public sealed class ImportOptions
{
    /// <summary>
    /// Incidents written per transaction. Large batches matter: each commit rewrites every index page it touched,
    /// and with random ids nearly every page is touched by a batch of any size.
    /// </summary>
    public int BatchSize { get; set; } = 100_000;
}
