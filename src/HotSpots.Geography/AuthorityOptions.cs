namespace HotSpots.Geography;

public sealed class AuthorityOptions
{
    public string? Name { get; set; }

    /// <summary>Ward codes that belong to the authority whatever their boundary file says.</summary>
    public List<string> Wards { get; set; } = [];
}
