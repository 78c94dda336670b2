using HotSpots.Domain.Heat;
using HotSpots.Geography;

namespace HotSpots.Application.Reports;

/// <summary>Where an agenda pack takes each ward's hot streets from.</summary>
public interface IHotStreets
{
    /// <summary>What the pack says about the source, printed under the table.</summary>
    string Description { get; }

    /// <summary>Each of <paramref name="wardCodes"/>' hot streets in the months given, most first.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<LocationCount>>> HotStreetsAsync(
        AreaSet wards, IReadOnlyList<string> wardCodes, int firstMonth, int lastMonth, CancellationToken cancellationToken = default);
}
