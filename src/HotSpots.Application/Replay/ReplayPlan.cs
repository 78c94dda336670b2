using HotSpots.Domain.Incidents;
using HotSpots.Domain.Patterns;

namespace HotSpots.Application.Replay;

/// <summary>
/// How a replay is timed. The period [<see cref="From"/>, <see cref="To"/>) plays at <see cref="Speed"/> times real
/// time, so an incident at time t is sent (t − From) / Speed after the replay starts. Timestamps are rebased so that
/// the period ends as the replay ends: an incident keeps its place in the day and its spacing from the others, and
/// when the replay is over the live windows look exactly as they did at the end of the period, moved to now.
/// Rebased times are never later than the moment they are sent.
/// </summary>
public sealed record ReplayPlan(DateTimeOffset From, DateTimeOffset To, double Speed)
{
    public TimeSpan Period => To - From;

    /// <summary>How long the replay takes on the wall clock.</summary>
    public TimeSpan Duration => Period / Speed;

    /// <summary>When, after the start, an incident at <paramref name="at"/> is sent.</summary>
    public TimeSpan SendAfter(DateTimeOffset at) => (at - From) / Speed;

    /// <summary>The incident's time moved so that the period ends when a replay started at <paramref name="started"/> ends.</summary>
    public DateTimeOffset Rebase(DateTimeOffset at, DateTimeOffset started) => at + (started + Duration - To);

    public static ReplayPlan ForDuration(DateTimeOffset from, DateTimeOffset to, TimeSpan duration) =>
        new(from, to, Math.Max(1, (to - from) / duration));
}

/// <summary>
/// Gives month- and day-precision incidents (police.uk publishes months only; council cases have dates) an exact
/// time for a replay. Each one's time is drawn from a generator seeded by the replay's seed and the incident's own
/// source and id, so the same seed always spreads the same incident to the same moment: the day uniformly within its
/// month, then the hour from <see cref="IncidentRhythm"/> (UTC hours; close enough for a replay), then the minute and
/// second uniformly.
/// </summary>
public static class TimeSpreader
{
    public static DateTimeOffset Spread(Incident incident, int seed)
    {
        var occurred = incident.OccurredAt;
        if (occurred.Precision == TimePrecision.Exact) return occurred.Start;
        var random = new Random(seed ^ StableHash(incident.Source, incident.SourceId));
        var day = occurred.Start;
        if (occurred.Precision == TimePrecision.Month)
        {
            day = day.AddDays(random.Next(DateTime.DaysInMonth(day.Year, day.Month)));
        }
        return day.AddHours(IncidentRhythm.PickHour(incident.Category, random)).AddSeconds(random.Next(3600));
    }

    private static int StableHash(string source, string sourceId)
    {
        var hash = 2166136261u;
        foreach (var c in source + "\n" + sourceId) hash = (hash ^ c) * 16777619u;
        return (int)hash;
    }
}
