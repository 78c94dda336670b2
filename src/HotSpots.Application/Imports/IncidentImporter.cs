using System.Collections.Concurrent;
using System.Threading.Channels;
using HotSpots.Application.Telemetry;
using HotSpots.Store;

namespace HotSpots.Application.Imports;

/// <summary>
/// Imports CSV files of one format through the same locate-and-store path as the API: each row is validated, placed
/// in a ward and handed to a sink in batches (the store, a server's API, or a dry run); the monitors then count it
/// from the log. Reading runs on one task and writing on another, so parsing and placing overlap the sink's work.
/// Ids come from the rows, so running the same import again, or again after it was interrupted, adds nothing twice.
/// With <paramref name="metrics"/> each written batch counts its rows by outcome, and the import its duration.
/// </summary>
public sealed class IncidentImporter(IIncidentSink sink, ImportContext context, HotSpotsMetrics? metrics = null)
{
    public async Task<ImportReport> ImportAsync(
        ImportFormat format,
        IReadOnlyList<string> files,
        ImportOptions? options = null,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ImportOptions();
        var report = new ImportReport { Format = format.Name };
        var names = files.Select(Path.GetFileName).ToArray();
        var started = Environment.TickCount64;
        var batches = Channel.CreateBounded<IncidentBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        // Written batches are filled again, so a long import allocates its batches once.
        var spare = new ConcurrentQueue<IncidentBatch>();
        // If the sink fails, reading must stop too, or it would wait forever for room in the channel.
        using var writeFailed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var writer = Task.Run(async () =>
        {
            Task? newest = null;
            try
            {
                // Two writes in flight: the next batch's keys are worked out while the previous one is being written.
                (IncidentBatch Batch, Task<SinkResult> Write)? writing = null;
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    var next = (batch, Task.Run(() => sink.WriteAsync(batch, cancellationToken), writeFailed.Token));
                    newest = next.Item2;
                    if (writing is { } previous) Written(previous.Batch, await previous.Write);
                    writing = next;
                }
                if (writing is { } last) Written(last.Batch, await last.Write);
            }
            catch
            {
                await writeFailed.CancelAsync();
                // A write already under way ends (either way) before the failure is reported, so the caller never
                // disposes the store under it.
                if (newest is not null) await Task.WhenAny(newest);
                throw;
            }
        }, cancellationToken);

        try
        {
            var totalBytes = files.Where(File.Exists).Sum(f => new FileInfo(f).Length);
            long bytesBefore = 0;
            // One batch runs on across files: each commit rewrites the index pages it touched, so small files must
            // not mean small commits. The first batches are smaller, so the database starts work sooner.
            var size = Math.Max(1, options.BatchSize / 32);
            var batch = new IncidentBatch(size);
            for (var i = 0; i < files.Count; i++)
            {
                batch = await ReadFileAsync(format, files[i], i, report, batch, Send, totalBytes, bytesBefore, progress, writeFailed.Token);
                bytesBefore += File.Exists(files[i]) ? new FileInfo(files[i]).Length : 0;
            }
            if (batch.Count > 0) await batches.Writer.WriteAsync(batch, writeFailed.Token);
            progress?.Report(new ImportProgress(report.Rows, totalBytes, totalBytes));
            batches.Writer.Complete();

            async ValueTask<IncidentBatch> Send(IncidentBatch full, RowReader rows, CancellationToken token)
            {
                if (full.Count < size) return full;
                rows.Flush(full);
                if (full.Count == 0) return full;
                await batches.Writer.WriteAsync(full, token);
                size = Math.Min(options.BatchSize, size * 2);
                return spare.TryDequeue(out var recycled) ? recycled : new IncidentBatch(size);
            }
        }
        catch (Exception ex)
        {
            batches.Writer.Complete(ex);
            throw;
        }
        finally
        {
            await writer;
        }
        report.Seconds = (Environment.TickCount64 - started) / 1000d;
        metrics?.ImportFinished(format.Name, TimeSpan.FromSeconds(report.Seconds));
        return report;

        void Written(IncidentBatch batch, SinkResult result)
        {
            report.Imported += result.Appended;
            report.Duplicates += result.Duplicates;
            metrics?.ImportWritten(format.Name, result.Appended, result.Duplicates, result.Refused.Count);
            foreach (var refusal in result.Refused)
            {
                if (refusal.OutsideArea) report.OutsideArea++;
                else report.AddMalformed(names[ImportFile.FileIndex(refusal.Reference)] ?? "", ImportFile.Line(refusal.Reference), refusal.Reason);
            }
            batch.Clear();
            spare.Enqueue(batch);
        }
    }

    /// <summary>Reads one file into the batch, handing each full batch on; returns the batch as it stands at the end.</summary>
    private async Task<IncidentBatch> ReadFileAsync(
        ImportFormat format, string file, int fileIndex, ImportReport report, IncidentBatch batch,
        Func<IncidentBatch, RowReader, CancellationToken, ValueTask<IncidentBatch>> send,
        long totalBytes, long bytesBefore, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        if (!File.Exists(file))
        {
            report.RefuseFile(name, 0, $"file {file} does not exist");
            return batch;
        }
        if (IsUtf16(file))
        {
            report.RefuseFile(name, 1, "the file is UTF-16 text; save it as UTF-8");
            return batch;
        }
        using var csv = new Utf8CsvReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));
        if (!csv.Read())
        {
            report.RefuseFile(name, 1, "the file is empty");
            return batch;
        }
        var header = new HeaderColumns([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        if (format.Open(header, context, new ImportFile(report, name, fileIndex), out var problem) is not { } rows)
        {
            report.RefuseFile(name, 1, problem!);
            return batch;
        }

        while (csv.Read())
        {
            report.Rows++;
            if (csv.Problem is { } malformed)
            {
                report.AddMalformed(name, csv.Line, malformed);
                continue;
            }
            if (csv.FieldCount < rows.Width)
            {
                report.AddMalformed(name, csv.Line, $"expected {rows.Width} fields, found {csv.FieldCount}");
                continue;
            }
            rows.Read(csv, batch);
            var before = batch;
            batch = await send(batch, rows, cancellationToken);
            if (!ReferenceEquals(before, batch)) progress?.Report(new ImportProgress(report.Rows, bytesBefore + csv.Position, totalBytes));
        }
        rows.Flush(batch);
        progress?.Report(new ImportProgress(report.Rows, bytesBefore + csv.Position, totalBytes));
        return batch;
    }

    private static bool IsUtf16(string file)
    {
        Span<byte> start = stackalloc byte[2];
        using var stream = File.OpenRead(file);
        return stream.ReadAtLeast(start, 2, throwOnEndOfStream: false) == 2 && (start.SequenceEqual((byte[])[0xFF, 0xFE]) || start.SequenceEqual((byte[])[0xFE, 0xFF]));
    }
}
