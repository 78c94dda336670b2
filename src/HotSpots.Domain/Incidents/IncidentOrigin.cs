namespace HotSpots.Domain.Incidents;

/// <summary>
/// Where an incident came from, beyond its source: a real record, a training drill, or a replay of past incidents.
/// Drills go into the live store and show everywhere tagged as drills; replays only ever go into a replay store.
/// </summary>
public enum IncidentOrigin : byte
{
    Recorded = 0,
    Drill = 1,
    Replay = 2,
}

public static class IncidentOrigins
{
    public static string Slug(this IncidentOrigin origin) => origin switch
    {
        IncidentOrigin.Drill => "drill",
        IncidentOrigin.Replay => "replay",
        _ => "recorded",
    };

    public static bool TryParse(string? slug, out IncidentOrigin origin)
    {
        origin = slug switch
        {
            null or "" or "recorded" => IncidentOrigin.Recorded,
            "drill" => IncidentOrigin.Drill,
            "replay" => IncidentOrigin.Replay,
            _ => (IncidentOrigin)255,
        };
        return origin is IncidentOrigin.Recorded or IncidentOrigin.Drill or IncidentOrigin.Replay;
    }
}
