using System.Text.Json;
using HotSpots.Domain.Incidents;

namespace HotSpots.Application.Imports;

/// <summary>What a source's label means: a category, "deliberate"/"not deliberate" for motives, or ignore.</summary>
public readonly record struct LabelMeaning(Category? Category, bool Ignore, bool? Deliberate);

/// <summary>
/// The tables that turn a source's own labels (crime types, stop codes, motives, council ASB types) into ours. They
/// are configuration, not code: <c>mappings.json</c> ships beside the programs, and an analyst can edit it or lay
/// another file over it (<c>--mappings FILE</c>; later files win, label by label). A file holds tables by source and
/// name, <c>{"Fire": {"StopCodes": {"Primary Fire": "deliberate-primary-fire"}}}</c>. Labels match ignoring case and
/// surrounding or repeated spaces. A value is a category slug, <c>ignore</c> (counted, not imported),
/// <c>deliberate</c> or <c>not-deliberate</c>; an empty value removes a label; a label with no entry is reported,
/// never guessed.
/// </summary>
public sealed class LabelMappings
{
    public const string FileName = "mappings.json";

    private readonly Dictionary<string, Dictionary<string, LabelMeaning>> _tables = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The file shipped beside the program.</summary>
    public static string ShippedFile => Path.Combine(AppContext.BaseDirectory, FileName);

    /// <summary>The shipped tables, then each further file over them.</summary>
    public static LabelMappings Load(params IEnumerable<string> overlays)
    {
        var mappings = new LabelMappings();
        foreach (var file in overlays.Prepend(ShippedFile)) mappings.AddFile(file);
        return mappings;
    }

    public void AddFile(string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"mappings file {file}: {ex.Message}", ex);
        }
        using (document)
        {
            foreach (var source in Objects(document.RootElement, file))
            {
                foreach (var table in Objects(source.Value, file))
                {
                    foreach (var entry in Objects(table.Value, file))
                    {
                        if (entry.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                            throw new InvalidOperationException($"mappings file {file}: {source.Name}.{table.Name} '{entry.Name}' must be a string");
                        Add($"{source.Name}:{table.Name}", entry.Name, entry.Value.GetString() ?? "");
                    }
                }
            }
        }
    }

    public void Add(string table, string label, string value)
    {
        if (!_tables.TryGetValue(table, out var entries)) _tables[table] = entries = new(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(value))
        {
            entries.Remove(Normalise(label));
            return;
        }
        entries[Normalise(label)] = value.Trim().ToLowerInvariant() switch
        {
            "ignore" => new LabelMeaning(null, true, null),
            "deliberate" => new LabelMeaning(null, false, true),
            "not-deliberate" => new LabelMeaning(null, false, false),
            var slug when Categories.TryParse(slug, out var category) => new LabelMeaning(category, false, null),
            var other => throw new InvalidOperationException(
                $"mapping {table} '{label}' = '{other}': use a category slug, ignore, deliberate or not-deliberate"),
        };
    }

    /// <summary>A table's lookup; empty when nothing is configured for it.</summary>
    public LabelTable Table(string table) =>
        new(_tables.TryGetValue(table, out var entries) ? entries : new Dictionary<string, LabelMeaning>(StringComparer.OrdinalIgnoreCase));

    internal static string Normalise(string label) => string.Join(' ', label.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static IEnumerable<JsonProperty> Objects(JsonElement element, string file) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject()
            : throw new InvalidOperationException($"mappings file {file}: expected an object of tables, found {element.ValueKind}");
}

/// <summary>One mapping table, looked up from a row's text; labels seen before cost no allocation.</summary>
public sealed class LabelTable
{
    private readonly Dictionary<string, LabelMeaning> _entries;
    private readonly Dictionary<string, LabelMeaning?> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LabelMeaning?>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public LabelTable(Dictionary<string, LabelMeaning> entries)
    {
        _entries = entries;
        _lookup = _seen.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryGet(ReadOnlySpan<char> label, out LabelMeaning meaning)
    {
        if (!_lookup.TryGetValue(label, out var found))
        {
            var text = label.ToString();
            found = _entries.TryGetValue(LabelMappings.Normalise(text), out var m) ? m : null;
            _seen[text] = found;
        }
        meaning = found.GetValueOrDefault();
        return found.HasValue;
    }
}
