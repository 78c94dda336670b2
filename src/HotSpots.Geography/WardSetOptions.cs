namespace HotSpots.Geography;

public sealed class WardSetOptions : AreaSetOptions
{
    /// <summary>
    /// Feature property holding the ward's local authority code; unset recognises ONS <c>LADyyCD</c>. A file without it
    /// that is named by an authority's code (<c>E06000034.geojson</c>) gives that authority to all its wards.
    /// </summary>
    public string? AuthorityProperty { get; set; }
}
