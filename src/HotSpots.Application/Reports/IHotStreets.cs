using HotSpots.Domain.Heat;
using HotSpots.Geography;

namespace HotSpots.Application.Reports;

/// <summary>Where an agenda pack takes each ward's hot streets (repeat locations) from.</summary>
public interface IHotStreets
{
    /// <summary>What the pack says about the source, printed under the table.</summary>
    string Description { get; }

    /// <summary>Each of <paramref name="wardCodes"/>' repeat locations in the months given, most first.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<LocationCount>>> RepeatLocationsAsync(
        AreaSet wards, IReadOnlyList<string> wardCodes, int firstMonth, int lastMonth, CancellationToken cancellationToken = default);
}
