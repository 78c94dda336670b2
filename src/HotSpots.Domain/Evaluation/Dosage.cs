namespace HotSpots.Domain.Evaluation;

/// <summary>Incidents on days with a patrol dose against days without one, over the period compared.</summary>
public sealed record DoseResponse(int PatrolDays, int PatrolDayIncidents, int OtherDays, int OtherDayIncidents)
{
    public double? PerPatrolDay => PatrolDays > 0 ? (double)PatrolDayIncidents / PatrolDays : null;

    public double? PerOtherDay => OtherDays > 0 ? (double)OtherDayIncidents / OtherDays : null;

    /// <summary>Incidents per patrol day over incidents per other day; below 1 means fewer on patrol days.</summary>
    public double? RateRatio => PerPatrolDay is { } p && PerOtherDay is { } o && o > 0 ? p / o : null;
}

/// <summary>
/// How much patrol a zone got in a period. Patrol hours are officer-hours (visit length × officers), the unit funding is
/// given in; a day counts as dosed when it has at least one visit of 15 minutes or more (Koper, C. S. (1995)
/// "Just enough police presence", Justice Quarterly 12(4)), on the UTC day the visit starts.
/// </summary>
public sealed record Dosage(
    int Visits,
    double PatrolHours,
    double PresenceHours,
    double PatrolHoursPerWeek,
    double? IncidentsPerPatrolHour,
    int Days,
    int DosedDays,
    DoseResponse? DoseResponse,
    int UndatedIncidents)
{
    public double ShareOfDaysDosed => Days > 0 ? (double)DosedDays / Days : 0;

    /// <summary>
    /// <paramref name="daily"/> holds the zone's incidents per day of the period (timed and dated ones), in the order of
    /// the period's days; <paramref name="periodCount"/> is the zone's count for the period, which also has incidents known
    /// to the month only: those are in incidents per patrol hour but not in the dose-response view.
    /// </summary>
    public static Dosage Of(EvaluationPeriod period, IReadOnlyList<PatrolVisit> visits, IReadOnlyList<int> daily, int periodCount)
    {
        var inPeriod = visits.Where(v => period.Contains(DayRange.DayOf(v.Start))).ToList();
        var patrolHours = inPeriod.Sum(v => v.OfficerHours);
        var presence = inPeriod.Sum(v => v.Duration.TotalHours);
        var dosed = inPeriod.Where(v => v.Duration >= PatrolVisit.KoperMinimum).Select(v => DayRange.DayOf(v.Start)).ToHashSet();
        var days = period.Days;

        int patrolDays = 0, patrolIncidents = 0, otherDays = 0, otherIncidents = 0, i = 0;
        foreach (var range in period.Ranges)
        {
            for (var day = range.First; day < range.End; day++, i++)
            {
                var count = i < daily.Count ? daily[i] : 0;
                if (dosed.Contains(day)) { patrolDays++; patrolIncidents += count; }
                else { otherDays++; otherIncidents += count; }
            }
        }
        var dayKnown = patrolIncidents + otherIncidents;
        var doseResponse = dayKnown > 0 ? new DoseResponse(patrolDays, patrolIncidents, otherDays, otherIncidents) : null;
        return new Dosage(inPeriod.Count, patrolHours, presence, days > 0 ? patrolHours / (days / 7.0) : 0,
            patrolHours > 0 ? periodCount / patrolHours : null, days, dosed.Count, doseResponse, Math.Max(0, periodCount - dayKnown));
    }
}
