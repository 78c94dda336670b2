namespace HotSpots.Application.Reports;

/// <summary>
/// The board's performance summary: for each area of a level and each category (and category group), the previous
/// and current periods' counts and how they compare. Ready to serialise as JSON (camelCase) or write as CSV
/// (<see cref="PerformanceCsv"/>).
/// </summary>
/// <param name="Level"><c>authority</c>, <c>locality</c> or <c>ward</c>.</param>
/// <param name="Locality">The locality the report is limited to, when one was asked for.</param>
/// <param name="WardSet">The ward set whose boundaries placed the incidents.</param>
/// <param name="HasData">False when neither period holds a recorded incident in the areas reported.</param>
/// <param name="Notes">What a reader should know: what was left out and why, and what the figures cannot say.</param>
public sealed record PerformanceSummary(
    string Level,
    PerformancePeriod Previous,
    PerformancePeriod Current,
    string WardSet,
    string? Locality,
    IReadOnlyList<PerformanceRow> Rows,
    IReadOnlyList<ConcentrationLine> Concentrations,
    string? PopulationSource,
    bool HasData,
    IReadOnlyList<string> Notes);

/// <summary>A run of whole months, <c>yyyy-MM</c> to <c>yyyy-MM</c> inclusive.</summary>
public sealed record PerformancePeriod(string From, string To, int Months);

/// <summary>
/// One area and one category (<see cref="Kind"/> <c>category</c>, a police.uk, fire or council slug) or group
/// (<see cref="Kind"/> <c>group</c>: <c>all</c>, <c>asb</c>, <c>violence</c>, <c>deliberate-fires</c>).
/// </summary>
/// <param name="DifferencePct">Change in per cent of the previous count (one decimal); null when the previous count is 0.</param>
/// <param name="SharePct">The area's share of its parent's current count (one decimal); null when the parent's is 0.</param>
/// <param name="Rank">Among the parent's areas by current count, highest 1, ties sharing the better rank; of <see cref="RankOf"/>.</param>
/// <param name="RatePer1000">Current count per 1,000 residents, only where a population is configured.</param>
/// <param name="ConcentrationWards">For an authority or locality: the fewest of its wards holding half its current count.</param>
/// <param name="ConcentrationPct">What those wards hold, in per cent of the area's current count.</param>
public sealed record PerformanceRow(
    string AreaCode,
    string AreaName,
    string Category,
    string Kind,
    long Previous,
    long Current,
    long Difference,
    double? DifferencePct,
    string ParentCode,
    string ParentName,
    double? SharePct,
    int Rank,
    int RankOf,
    double? RatePer1000,
    int? ConcentrationWards,
    double? ConcentrationPct);

/// <summary>
/// The concentration line of an authority or locality for a category or group: the fewest wards that together hold at
/// least half its current count, busiest first, with the sentence a report quotes.
/// </summary>
public sealed record ConcentrationLine(
    string AreaCode,
    string AreaName,
    string Category,
    int Wards,
    int OfWards,
    long Held,
    long Total,
    double SharePct,
    IReadOnlyList<string> WardCodes,
    IReadOnlyList<string> WardNames,
    string Sentence);
