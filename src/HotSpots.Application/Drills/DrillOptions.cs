namespace HotSpots.Application.Drills;

/// <summary>Bound from <c>HotSpots:Drills</c>; configured scenarios add to (or replace) the built-in ones.</summary>
public sealed class DrillOptions
{
    public Dictionary<string, DrillScenario> Scenarios { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tilbury-fires"] = new()
        {
            Description = "6 deliberate secondary fires in Tilbury St Chads within 3 hours",
            Category = "deliberate-secondary-fire",
            Count = 6,
            Within = TimeSpan.FromHours(3),
            Area = "Tilbury St Chads",
        },
        ["grays-asb"] = new()
        {
            Description = "12 reports of anti-social behaviour in Grays Riverside within 4 hours",
            Category = "anti-social-behaviour",
            Count = 12,
            Within = TimeSpan.FromHours(4),
            Area = "Grays Riverside",
        },
        ["lakeside-youths"] = new()
        {
            Description = "8 youth nuisance reports in the Op Dial Lakeside zone within 2 hours",
            Category = "youth-nuisance",
            Count = 8,
            Within = TimeSpan.FromHours(2),
            Area = "op-dial-lakeside",
        },
    };
}
