namespace HotSpots.Geography;

public class AreaSetOptions
{
    /// <summary>GeoJSON files that together make the set (e.g. one per local authority).</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>Feature property holding the code; unset recognises <c>WDyyCD</c> and <c>code</c>.</summary>
    public string? CodeProperty { get; set; }

    /// <summary>Feature property holding the name; unset recognises <c>WDyyNM</c> and <c>name</c>.</summary>
    public string? NameProperty { get; set; }
}
