using System.Buffers;
using System.Text.RegularExpressions;

namespace HotSpots.Domain.Incidents;

/// <summary>Validation shared by every way in (API, imports): one set of reasons, worded for the person who sent it.</summary>
public static partial class IncidentRules
{
    public const int MaxSourceLength = 64;
    public const int MaxSourceIdLength = 128;
    public const int MaxLocationTextLength = 200;

    /// <summary>Partner clocks drift; an exact time this far ahead of ours is still accepted.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    public static string? CheckSource(string? source) =>
        string.IsNullOrWhiteSpace(source) ? "source is required"
        : source.Length > MaxSourceLength ? $"source is longer than {MaxSourceLength} characters"
        : !SourcePattern().IsMatch(source) ? $"source '{source}' must be lower-case letters, digits and hyphens (e.g. essex-police)"
        : null;

    public static string? CheckSourceId(string? sourceId) =>
        string.IsNullOrWhiteSpace(sourceId) ? "sourceId is required"
        : sourceId.Length > MaxSourceIdLength ? $"sourceId is longer than {MaxSourceIdLength} characters"
        : sourceId.Any(char.IsControl) ? "sourceId contains control characters"
        : null;

    /// <summary>
    /// Line and paragraph separators (U+2028, U+2029) break a line as a newline does, so they are refused as control
    /// characters are; direction controls are dropped before this (see <see cref="WithoutDirectionControls"/>).
    /// </summary>
    public static string? CheckLocationText(string? text) =>
        text is { Length: > MaxLocationTextLength } ? $"locationText is longer than {MaxLocationTextLength} characters"
        : text is not null && text.Any(char.IsControl) ? "locationText contains control characters"
        : text is not null && text.AsSpan().IndexOfAny(LineSeparators) >= 0 ? "locationText contains a line or paragraph separator (U+2028, U+2029)"
        : null;

    /// <summary>The line and paragraph separators, which end a line wherever the text is shown.</summary>
    public static readonly SearchValues<char> LineSeparators = SearchValues.Create("\u2028\u2029");

    private static readonly SearchValues<char> DirectionControls = SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>
    /// The text without Unicode's explicit direction controls (embeddings, overrides, isolates). An override can make
    /// a place read as another on the dashboard, in a CSV or a log ("Trojan Source"), yet the controls carry no words:
    /// right-to-left letters keep their direction without them. So they are dropped rather than the incident refused.
    /// </summary>
    public static string WithoutDirectionControls(string text) =>
        text.AsSpan().IndexOfAny(DirectionControls) < 0 ? text : string.Concat(text.Where(c => !DirectionControls.Contains(c)));

    /// <summary>Whether a time is inside the plausible window: not before <paramref name="earliest"/>, not beyond <paramref name="latest"/>.</summary>
    public static string? CheckWithin(OccurredAt occurredAt, DateTimeOffset earliest, DateTimeOffset latest) =>
        occurredAt.Start < earliest ? $"occurredAt {occurredAt} is before {earliest:yyyy-MM-dd}, the earliest date accepted"
        : occurredAt.Start > latest ? $"occurredAt {occurredAt} is in the future"
        : null;

    public static string? CheckLatitudeLongitude(double latitude, double longitude) =>
        !double.IsFinite(latitude) || latitude is < -90 or > 90 ? $"latitude {latitude} is not between -90 and 90"
        : !double.IsFinite(longitude) || longitude is < -180 or > 180 ? $"longitude {longitude} is not between -180 and 180"
        : null;

    /// <summary>Bounds of the British National Grid's true origin frame (EPSG:27700).</summary>
    public static string? CheckEastingNorthing(double easting, double northing) =>
        !double.IsFinite(easting) || easting is < 0 or > 700_000 ? $"easting {easting} is not between 0 and 700000"
        : !double.IsFinite(northing) || northing is < 0 or > 1_300_000 ? $"northing {northing} is not between 0 and 1300000"
        : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex SourcePattern();
}
