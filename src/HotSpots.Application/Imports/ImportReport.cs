using System.Text.Json.Serialization;

namespace HotSpots.Application.Imports;

public sealed record ImportProblem(string File, long Line, string Reason);

/// <summary>The summary of an import, printed at the end and written as JSON with <c>--report</c>.</summary>
public sealed class ImportReport
{
    /// <summary>At most this many malformed rows are listed; <see cref="MalformedCount"/> counts them all.</summary>
    public const int MaxListedProblems = 1000;

    private readonly List<ImportProblem> _malformed = [];

    public long Rows { get; set; }

    public long Imported { get; set; }

    public long Duplicates { get; set; }

    public long Unlocated { get; set; }

    public long OutsideArea { get; set; }

    public long MalformedCount { get; private set; }

    public IReadOnlyList<ImportProblem> Malformed => _malformed;

    public double Seconds { get; set; }

    [JsonIgnore]
    public double RowsPerSecond => Seconds > 0 ? Rows / Seconds : 0;

    public void AddMalformed(string file, long line, string reason)
    {
        MalformedCount++;
        if (_malformed.Count < MaxListedProblems) _malformed.Add(new ImportProblem(file, line, reason));
    }
}

/// <summary>Progress as rows are read: how far through the input bytes, for a progress bar.</summary>
public readonly record struct ImportProgress(long Rows, long BytesRead, long TotalBytes);
