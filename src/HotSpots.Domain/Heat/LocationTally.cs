using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Heat;

/// <summary>One location description and how many incidents it had.</summary>
public sealed record LocationCount(string Location, int Count);

/// <summary>
/// Monthly counts per location description ("On or near Station Road") and category over the last twelve months, for
/// an area's repeat locations. Only the published description is kept, never coordinates or anything about a
/// person; police.uk's descriptions are themselves snapped to anonymised points. Not thread-safe: its owner is the
/// single writer.
/// </summary>
public sealed class LocationTally
{
    public const int MonthsHeld = 12;

    private readonly Dictionary<string, HourlyRing>?[] _byCategory = new Dictionary<string, HourlyRing>?[Categories.Count];

    public void Record(Category category, string? location, int monthIndex)
    {
        if (string.IsNullOrWhiteSpace(location)) return;
        var places = _byCategory[(int)category] ??= new Dictionary<string, HourlyRing>(StringComparer.Ordinal);
        if (!places.TryGetValue(location, out var months)) places[location] = months = new HourlyRing(MonthsHeld);
        months.Add(monthIndex);
    }

    /// <summary>
    /// The locations with two or more incidents of the group in the twelve months ending <paramref name="lastMonthIndex"/>,
    /// most first (then by name, so that ties list the same way every time).
    /// </summary>
    public IReadOnlyList<LocationCount> Top(CategoryGroup group, int lastMonthIndex, int count)
    {
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var category in group.Members)
        {
            if (_byCategory[(int)category] is not { } places) continue;
            foreach (var (location, months) in places)
            {
                var n = months.Sum(lastMonthIndex - MonthsHeld + 1, lastMonthIndex);
                if (n > 0) totals[location] = totals.GetValueOrDefault(location) + n;
            }
        }
        return [.. totals.Where(t => t.Value >= 2)
            .OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(t => new LocationCount(t.Key, t.Value))];
    }

    public void Write(BinaryWriter writer)
    {
        for (var c = 0; c < _byCategory.Length; c++)
        {
            var places = _byCategory[c];
            writer.Write(places?.Count ?? 0);
            if (places is null) continue;
            foreach (var (location, months) in places)
            {
                writer.Write(location);
                months.Write(writer);
            }
        }
    }

    public static LocationTally Read(BinaryReader reader)
    {
        var tally = new LocationTally();
        for (var c = 0; c < tally._byCategory.Length; c++)
        {
            var count = reader.ReadInt32();
            if (count == 0) continue;
            var places = tally._byCategory[c] = new Dictionary<string, HourlyRing>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++) places[reader.ReadString()] = HourlyRing.Read(reader);
        }
        return tally;
    }
}
