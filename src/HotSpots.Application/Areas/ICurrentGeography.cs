using HotSpots.Geography;

namespace HotSpots.Application.Areas;

/// <summary>The geography in force now: on a server it changes while it runs (a ward set loaded, a zone drawn).</summary>
public interface ICurrentGeography
{
    GeographyModel Geography { get; }
}

/// <summary>A geography that stays as it was loaded, for a one-off command.</summary>
public sealed record FixedGeography(GeographyModel Geography) : ICurrentGeography;
