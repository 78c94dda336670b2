using System.Text.RegularExpressions;
using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Evaluation;

/// <summary>Op Dial (ASB hot-spot patrols), Op Grip (serious-violence hot-spot policing), Op Minerva (female victimisation), or another.</summary>
public enum OperationType
{
    Dial,
    Grip,
    Minerva,
    Other,
}

/// <summary>A stretch of days an operation ran; no end while it is still running.</summary>
public sealed record ActivePeriod(DateOnly Start, DateOnly? End)
{
    /// <summary>The days it ran up to (not including) <paramref name="today"/>: whole days only.</summary>
    public DayRange Until(int today) => new(DayRange.DayOf(Start), Math.Min(End is { } end ? DayRange.DayOf(end) + 1 : today, today));
}

/// <summary>
/// A hot-spot operation: where (zones), when (active periods: it may pause and resume), against what (target category
/// groups), how much patrol was funded, and how it is evaluated: the control area (chosen wards, or the rest of the
/// ward set when none are chosen) and the buffer ring around each zone (from <see cref="BufferInnerMetres"/> to
/// <see cref="BufferOuterMetres"/> beyond the zone's edge).
/// </summary>
public sealed partial record Operation(
    string Id,
    string Name,
    OperationType Type,
    IReadOnlyList<string> Zones,
    IReadOnlyList<ActivePeriod> ActivePeriods,
    IReadOnlyList<string> TargetGroups,
    double? FundedPatrolHours = null,
    IReadOnlyList<string>? ControlWards = null,
    double BufferInnerMetres = Operation.DefaultBufferInner,
    double BufferOuterMetres = Operation.DefaultBufferOuter)
{
    /// <summary>
    /// The buffer ring starts 200 m out and ends 400 m out: the band nearest the zone is where patrols walk in and out
    /// and are seen, so it is neither displacement area nor control. An inner distance of 0 makes the ring adjoin the zone.
    /// </summary>
    public const double DefaultBufferInner = 200;

    public const double DefaultBufferOuter = 400;

    public const double MaxBufferOuter = 2_000;

    /// <summary>About 115 officer-years: more than any hot-spot operation is funded for, and far short of what breaks a ratio.</summary>
    public const double MaxFundedPatrolHours = 1_000_000;

    /// <summary>Why the definition cannot be accepted; empty when it can.</summary>
    public IReadOnlyList<string> Problems() => [.. FieldProblems().Select(p => p.Message)];

    /// <summary>
    /// The same problems, each with the JSON field it is about, so that a form can show each one beside its field.
    /// </summary>
    public IReadOnlyList<FieldProblem> FieldProblems()
    {
        var problems = new List<FieldProblem>();
        void Add(string field, string message) => problems.Add(new FieldProblem(field, message));
        if (!IdPattern().IsMatch(Id ?? "")) Add("id", "id must be 1-64 characters of a-z, 0-9, '-' and '_'");
        if (string.IsNullOrWhiteSpace(Name)) Add("name", "name is required");
        if (Zones is null || Zones.Count == 0) Add("zones", "zones must name at least one zone");
        else if (Zones.Distinct(StringComparer.Ordinal).Count() != Zones.Count) Add("zones", "zones lists a zone twice");
        if (TargetGroups is null || TargetGroups.Count == 0) Add("targetGroups", "targetGroups must name at least one category group (asb, deliberate-fires, violence, all, or a category)");
        else foreach (var g in TargetGroups.Where(g => !CategoryGroup.TryParse(g, out _))) Add("targetGroups", $"target group '{g}' is not a category group or category");
        var periods = (ActivePeriods ?? []).OrderBy(p => p.Start).ToList();
        if (periods.Any(p => p.Start == default)) Add("activePeriods", "every active period needs a start date (yyyy-MM-dd)");
        else if (periods.Any(p => !DayRange.IsPlausible(p.Start) || p.End is { } e && !DayRange.IsPlausible(e)))
            Add("activePeriods", $"activePeriods dates must be from {DayRange.EarliestDate:yyyy-MM-dd} to {DayRange.LatestDate:yyyy-MM-dd}");
        foreach (var p in periods.Where(p => p.End < p.Start)) Add("activePeriods", $"active period starting {p.Start:yyyy-MM-dd} ends before it starts");
        for (var i = 1; i < periods.Count; i++)
        {
            if (periods[i - 1].End is not { } end || end >= periods[i].Start)
                Add("activePeriods", $"active periods starting {periods[i - 1].Start:yyyy-MM-dd} and {periods[i].Start:yyyy-MM-dd} overlap");
        }
        if (FundedPatrolHours is { } f && !(f >= 0 && f <= MaxFundedPatrolHours))
            Add("fundedPatrolHours", $"fundedPatrolHours must be from 0 to {MaxFundedPatrolHours} hours");
        if (!(BufferInnerMetres >= 0 && BufferOuterMetres > BufferInnerMetres && BufferOuterMetres <= MaxBufferOuter))
            Add("buffer", $"the buffer must satisfy 0 <= bufferInnerMetres < bufferOuterMetres <= {MaxBufferOuter}");
        return problems;
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}

/// <summary>A reason a definition is refused, and the field (as named in JSON) it is about.</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>A patrol visit to a zone: when, how many officers, and where the record came from (a GPS summary, a duty log).</summary>
public sealed record PatrolVisit(string Zone, DateTimeOffset Start, DateTimeOffset End, int Officers, string Source, string SourceId, string? Method = null)
{
    /// <summary>The visit length that counts as a hot-spot dose: about 15 minutes is the Koper curve's optimum.</summary>
    public static readonly TimeSpan KoperMinimum = TimeSpan.FromMinutes(15);

    public TimeSpan Duration => End - Start;

    public double OfficerHours => Duration.TotalHours * Officers;
}
