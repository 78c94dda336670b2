using HotSpots.Geography;
using HotSpots.Store;

namespace HotSpots.Application.Imports;

/// <summary>What every row reader of one import shares.</summary>
public sealed class ImportContext(LabelMappings mappings, AreaIndex? wards)
{
    public LabelMappings Mappings { get; } = mappings;

    /// <summary>The wards rows are placed in; null when the receiving server places them.</summary>
    public AreaIndex? Wards { get; } = wards;

    /// <summary>The source recorded on every row, for formats whose files do not name it (fire, council).</summary>
    public string? Source { get; init; }

    /// <summary>Local times in a source's files are in this zone (UK time by default) unless they carry an offset.</summary>
    public TimeZoneInfo TimeZone { get; init; } = Application.UkTime.Zone;

    /// <summary>Rows dated after this (plus the usual clock-skew allowance) are refused as in the future.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

}

/// <summary>A source's CSV layout: its columns, and how one file's rows become incidents.</summary>
public abstract class ImportFormat
{
    /// <summary>The name on the command line: police-uk, fire, council.</summary>
    public abstract string Name { get; }

    /// <summary>The source recorded when the user names none; null when the rows name their own.</summary>
    public abstract string? DefaultSource { get; }

    /// <summary>A reader for one file, or the reason its header will not do (missing columns).</summary>
    public abstract RowReader? Open(HeaderColumns columns, ImportContext context, ImportFile file, out string? problem);

    public static IReadOnlyList<ImportFormat> All { get; } = [new PoliceUkFormat(), new FireFormat(), new CouncilFormat()];

    public static ImportFormat? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}

/// <summary>A file's header: columns found by name ignoring case, spaces and underscores.</summary>
public sealed class HeaderColumns
{
    private readonly Dictionary<string, int> _map = [];

    public HeaderColumns(IReadOnlyList<string> header)
    {
        for (var i = 0; i < header.Count; i++) _map.TryAdd(Key(header[i]), i);
    }

    /// <summary>The first of the names present, or -1.</summary>
    public int Find(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (_map.TryGetValue(Key(name), out var index)) return index;
        }
        return -1;
    }

    /// <summary>The names of required columns that are missing, each given as "name" or "name|alternative".</summary>
    public List<string> Missing(params string[] required) =>
        [.. required.Where(r => Find(r.Split('|')) < 0).Select(r => r.Replace("|", " or "))];

    private static string Key(string name) => new([.. name.Where(c => c is not (' ' or '_' or '\uFEFF')).Select(char.ToLowerInvariant)]);
}

/// <summary>One file of an import: the report its rows count into, its name for messages, its place in the list.</summary>
public sealed record ImportFile(ImportReport Report, string Name, int Index)
{
    private const int LineBits = 40;

    /// <summary>The batch reference of one of this file's lines, so a refusal later can name file and line.</summary>
    public long Reference(long line) => ((long)Index << LineBits) | line;

    public static int FileIndex(long reference) => (int)(reference >> LineBits);

    public static long Line(long reference) => reference & ((1L << LineBits) - 1);
}

/// <summary>What became of a row that was not added.</summary>
public enum RowFate
{
    Unlocated,
    OutsideArea,
    NotDeliberate,
    Ignored,
    Unmapped,
    Malformed,
}

/// <summary>
/// Turns one file's rows into incidents in a batch, straight from the row's bytes. A reader may hold rows back (to
/// convert grid references in bulk) and adds them at <see cref="Flush"/>, which the importer calls before a batch is
/// sent and at the end of the file.
/// </summary>
public abstract class RowReader(ImportFile file)
{
    protected ImportReport Report => file.Report;

    /// <summary>The columns a row must have.</summary>
    public abstract int Width { get; }

    /// <summary>Reads one row into the batch (now or at the next flush), or records what became of it.</summary>
    public abstract void Read(Utf8CsvReader row, IncidentBatch batch);

    public virtual void Flush(IncidentBatch batch)
    {
    }

    /// <summary>A batch reference for a line of this file: the importer maps a later refusal back to file and line.</summary>
    protected long Reference(long line) => file.Reference(line);

    protected void Count(RowFate fate, long line, string? reason = null)
    {
        switch (fate)
        {
            case RowFate.Unlocated: Report.Unlocated++; break;
            case RowFate.OutsideArea: Report.OutsideArea++; break;
            case RowFate.NotDeliberate: Report.NotDeliberate++; break;
            case RowFate.Ignored: Report.Ignored++; break;
            case RowFate.Malformed: Report.AddMalformed(file.Name, line, reason!); break;
        }
    }

    protected void Unmapped(string column, string label, long line) => Report.AddUnmapped(file.Name, column, label, line);
}
