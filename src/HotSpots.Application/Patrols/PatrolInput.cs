using System.Globalization;
using HotSpots.Application.Imports;
using HotSpots.Domain.Evaluation;
using HotSpots.Store;

namespace HotSpots.Application.Patrols;

/// <summary>A patrol visit as sent: text fields, checked by <see cref="PatrolInput.Check"/>.</summary>
public sealed record PatrolSubmission(string? Zone, string? Start, string? End, string? Officers, string? Source, string? SourceId, string? Method);

/// <summary>What became of a submitted visit.</summary>
public sealed record PatrolItemResult(int Index, string Status, string? Reason = null);

/// <summary>The outcome of a patrol CSV import: counts, and every malformed row by line (up to a limit).</summary>
public sealed class PatrolImportReport
{
    public long Rows { get; set; }

    public long Imported { get; set; }

    public long Duplicates { get; set; }

    public long MalformedCount { get; set; }

    public List<ImportProblem> Malformed { get; } = [];
}

/// <summary>
/// Checks patrol visits (API items and CSV rows alike) and writes the good ones. A visit names a known zone, starts and
/// ends at times with a UTC offset, lasts more than nothing and at most a day, has 1 to 100 officers, and has not
/// started in the future. Without a source id, a visit's id is its zone, start and end, so sending the same log again
/// changes nothing.
/// </summary>
public sealed class PatrolInput(IOperationStore store, TimeProvider time)
{
    public const string DefaultSource = "patrol-log";

    private static readonly string[] Columns = ["zone", "start", "end", "officers", "source", "sourceId", "method"];

    public static PatrolVisit? Check(PatrolSubmission item, IReadOnlySet<string> zones, DateTimeOffset now, out string? reason)
    {
        reason = null;
        var zone = item.Zone?.Trim();
        if (string.IsNullOrEmpty(zone)) reason = "zone is required";
        else if (!zones.Contains(zone)) reason = $"zone '{zone}' is not a zone";
        else if (!TryTime(item.Start, "start", out var start, out reason) || !TryTime(item.End, "end", out var end, out reason)) { }
        else if (end <= start) reason = $"end {item.End} is not after start {item.Start}";
        else if (end - start > TimeSpan.FromDays(1)) reason = "a visit lasts at most 24 hours; split longer ones";
        else if (start > now.AddMinutes(5)) reason = $"start {item.Start} is in the future";
        else if (!int.TryParse(item.Officers?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var officers) || officers is < 1 or > 100)
            reason = $"officers '{item.Officers}' is not a whole number from 1 to 100";
        else if (item.Method is { Length: > 100 }) reason = "method is longer than 100 characters";
        else if (item.SourceId is { Length: > 200 } || item.Source is { Length: > 100 }) reason = "source or sourceId is too long";
        else
        {
            var source = string.IsNullOrWhiteSpace(item.Source) ? DefaultSource : item.Source.Trim();
            var sourceId = string.IsNullOrWhiteSpace(item.SourceId)
                ? $"{zone}|{start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}|{end.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}"
                : item.SourceId.Trim();
            return new PatrolVisit(zone, start.ToUniversalTime(), end.ToUniversalTime(), officers, source, sourceId,
                string.IsNullOrWhiteSpace(item.Method) ? null : item.Method.Trim());
        }
        return null;
    }

    /// <summary>Checks and stores API items: an outcome per item (accepted, duplicate or rejected with the reason).</summary>
    public async Task<IReadOnlyList<PatrolItemResult>> SubmitAsync(IReadOnlyList<PatrolSubmission?> items, IReadOnlySet<string> zones, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var results = new PatrolItemResult[items.Count];
        var valid = new List<(int Index, PatrolVisit Visit)>();
        for (var i = 0; i < items.Count; i++)
        {
            string? reason = "not a patrol visit object";
            if (items[i] is { } item && Check(item, zones, now, out reason) is { } visit) valid.Add((i, visit));
            else results[i] = new PatrolItemResult(i, "rejected", reason);
        }
        var outcomes = valid.Count == 0 ? [] : await store.AppendPatrolsAsync([.. valid.Select(v => v.Visit)], cancellationToken);
        for (var j = 0; j < valid.Count; j++)
            results[valid[j].Index] = new PatrolItemResult(valid[j].Index, outcomes[j] == AppendOutcome.Appended ? "accepted" : "duplicate");
        return results;
    }

    /// <summary>
    /// Imports a patrol CSV: a header naming at least zone, start, end and officers (any order, any case; extra columns
    /// ignored), then one visit per row. Malformed rows are listed by line and skipped; every good row is stored.
    /// </summary>
    public async Task<PatrolImportReport> ImportCsvAsync(Stream csv, string file, IReadOnlySet<string> zones, CancellationToken cancellationToken = default)
    {
        var report = new PatrolImportReport();
        var now = time.GetUtcNow();
        using var reader = new Utf8CsvReader(csv);
        if (!reader.Read()) throw new PatrolImportException("the file is empty: expected a header with zone, start, end and officers");
        var header = Enumerable.Range(0, reader.FieldCount).Select(i => Normalise(reader.GetString(i))).ToList();
        var index = Columns.ToDictionary(c => c, c => header.IndexOf(Normalise(c)));
        if (index["sourceId"] < 0) index["sourceId"] = header.IndexOf("id");
        var missing = Columns.Take(4).Where(c => index[c] < 0).ToList();
        if (missing.Count > 0)
            throw new PatrolImportException($"line 1: the header lacks {string.Join(", ", missing)} (it has: {string.Join(", ", header)})");

        var batch = new List<PatrolVisit>();
        while (reader.Read())
        {
            report.Rows++;
            if (reader.Problem is { } problem)
            {
                Malformed(report, file, reader.Line, problem);
                continue;
            }
            string? Field(string column) => index[column] is var i and >= 0 && i < reader.FieldCount ? reader.GetString(i) : null;
            var item = new PatrolSubmission(Field("zone"), Field("start"), Field("end"), Field("officers"), Field("source"), Field("sourceId"), Field("method"));
            if (Check(item, zones, now, out var reason) is { } visit) batch.Add(visit);
            else Malformed(report, file, reader.Line, reason!);
            if (batch.Count >= 5_000) await FlushAsync(batch, report, cancellationToken);
        }
        await FlushAsync(batch, report, cancellationToken);
        return report;
    }

    private async Task FlushAsync(List<PatrolVisit> batch, PatrolImportReport report, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var outcomes = await store.AppendPatrolsAsync(batch, cancellationToken);
        report.Imported += outcomes.Count(o => o == AppendOutcome.Appended);
        report.Duplicates += outcomes.Count(o => o == AppendOutcome.Duplicate);
        batch.Clear();
    }

    private static void Malformed(PatrolImportReport report, string file, long line, string reason)
    {
        report.MalformedCount++;
        if (report.Malformed.Count < ImportReport.MaxListedProblems) report.Malformed.Add(new ImportProblem(file, line, reason));
    }

    private static bool TryTime(string? text, string name, out DateTimeOffset value, out string? reason)
    {
        value = default;
        reason = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            reason = $"{name} is required";
            return false;
        }
        var timePart = text.Length > 11 ? text[11..] : "";
        if (!(timePart.EndsWith('Z') || timePart.EndsWith('z') || timePart.Contains('+') || timePart.Contains('-')))
        {
            reason = $"{name} '{text}' has no UTC offset (use Z or ±hh:mm)";
            return false;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            reason = $"{name} '{text}' is not an ISO 8601 time";
            return false;
        }
        return true;
    }

    private static string Normalise(string column) => column.Trim().Replace("_", "").Replace(" ", "").ToLowerInvariant();
}

public sealed class PatrolImportException(string message) : Exception(message);
