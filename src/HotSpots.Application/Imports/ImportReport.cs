using System.Text.Json.Serialization;

namespace HotSpots.Application.Imports;

public sealed record ImportProblem(string File, long Line, string Reason);

/// <summary>A label with no entry in the mapping tables: which column, how many rows, and where it was first seen.</summary>
public sealed record UnmappedLabel(string Column, string Label, long Rows, string FirstFile, long FirstLine);

/// <summary>The summary of an import, printed at the end and written as JSON with <c>--report</c>.</summary>
public sealed class ImportReport
{
    /// <summary>At most this many malformed rows are listed; <see cref="MalformedCount"/> counts them all.</summary>
    public const int MaxListedProblems = 1000;

    private readonly List<ImportProblem> _malformed = [];
    private readonly Dictionary<(string Column, string Label), UnmappedLabel> _unmapped = [];

    public string Format { get; set; } = "";

    /// <summary>True when nothing was written: <see cref="Imported"/> then counts what would be new.</summary>
    public bool DryRun { get; set; }

    public long Rows { get; set; }

    public long Imported { get; set; }

    public long Duplicates { get; set; }

    public long Unlocated { get; set; }

    public long OutsideArea { get; set; }

    /// <summary>Fires whose motive is not deliberate: refused with reason "not deliberate".</summary>
    public long NotDeliberate { get; set; }

    /// <summary>Rows whose label the mapping tables say to ignore (false alarms, say).</summary>
    public long Ignored { get; set; }

    /// <summary>Rows not imported because a label has no mapping; <see cref="UnmappedLabels"/> lists the labels.</summary>
    public long Unmapped { get; private set; }

    public IReadOnlyList<UnmappedLabel> UnmappedLabels => [.. _unmapped.Values.OrderByDescending(u => u.Rows).ThenBy(u => u.Label, StringComparer.Ordinal)];

    public long MalformedCount { get; private set; }

    public IReadOnlyList<ImportProblem> Malformed => _malformed;

    public double Seconds { get; set; }

    [JsonIgnore]
    public double RowsPerSecond => Seconds > 0 ? Rows / Seconds : 0;

    /// <summary>Files refused outright (missing, empty, UTF-16, a header the format does not know): none of their rows was read.</summary>
    public List<string> RefusedFiles { get; } = [];

    /// <summary>Records a file refused outright, with the reason on the line it was found (0 for a missing file).</summary>
    public void RefuseFile(string file, long line, string reason)
    {
        RefusedFiles.Add(file);
        AddMalformed(file, line, reason);
    }

    public void AddMalformed(string file, long line, string reason)
    {
        MalformedCount++;
        if (_malformed.Count < MaxListedProblems) _malformed.Add(new ImportProblem(file, line, reason));
    }

    public void AddUnmapped(string file, string column, string label, long line)
    {
        Unmapped++;
        _unmapped[(column, label)] = _unmapped.TryGetValue((column, label), out var seen)
            ? seen with { Rows = seen.Rows + 1 }
            : new UnmappedLabel(column, label, 1, file, line);
    }
}

/// <summary>Progress as rows are read: how far through the input bytes, for a progress bar.</summary>
public readonly record struct ImportProgress(long Rows, long BytesRead, long TotalBytes);
