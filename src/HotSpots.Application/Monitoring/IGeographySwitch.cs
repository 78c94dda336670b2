using HotSpots.Geography;

namespace HotSpots.Application.Monitoring;

/// <summary>Makes a new geography current on this node: on a silo with its history counted, on a front node as is.</summary>
public interface IGeographySwitch
{
    Task ReplaceGeographyAsync(GeographyModel next, CancellationToken cancellationToken = default);
}

/// <summary>Where this node has read the incident log up to (the status endpoint reports it).</summary>
public interface ILogPosition
{
    long AppliedSequence { get; }
}
