using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Grid;

/// <summary>How many incidents of a cell had one published location description ("On or near Station Road").</summary>
public readonly record struct CellLocationCount(GridCell Cell, string Location, int Count);

/// <summary>
/// The incidents of one stretch of the map at their BNG points (whole metres), so that any cell size can be counted
/// from them: a cell of 300 m does not nest in one of 250 m, and counts kept per cell of one size could not answer it.
/// Each point keeps the number of its published location description in the tally's own list of descriptions
/// (police.uk repeats one description for every incident snapped to a point), so hot streets cost four bytes a point
/// that the point's padding had spare, and each description once.
/// Counts follow the area counts' rules: a rolling window counts exact incidents in its clock hours and dated ones
/// whose whole day lies inside it; the calendar month counts every incident of the month, month-only ones included.
/// Not thread-safe: its owner is the single writer.
/// </summary>
public sealed class CellTally
{
    private const int NoLocation = -1;

    private readonly List<Entry> _entries = [];
    private readonly List<string> _locations = [];
    private readonly Dictionary<string, int> _locationNumbers = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>How many distinct location descriptions the tally keeps.</summary>
    public int LocationCount => _locations.Count;

    public void Record(Category category, OccurredAt occurredAt, double easting, double northing, string? location = null) =>
        _entries.Add(new Entry((int)Math.Floor(easting), (int)Math.Floor(northing), (byte)category, (byte)occurredAt.Precision, NumberOf(location), occurredAt.Start.UtcTicks));

    /// <summary>
    /// Each cell's count (or, with <paramref name="weights"/> indexed by category, its summed harm) of a group in a
    /// window ending with the clock hour of <paramref name="now"/>, or in the month <paramref name="monthIndex"/>.
    /// </summary>
    public Dictionary<GridCell, double> Sum(CellSize size, CategoryGroup group, HeatWindow window, int monthIndex, DateTimeOffset now, IReadOnlyList<double>? weights = null)
    {
        var inside = new Inside(window, monthIndex, now);
        var cells = new Dictionary<GridCell, double>();
        foreach (var entry in _entries)
        {
            var category = (Category)entry.Category;
            if (!group.Includes(category) || !inside.Holds(entry)) continue;
            var weight = weights is null ? 1 : weights[(int)category];
            if (weight <= 0) continue;
            var cell = size.CellAt(entry.Easting, entry.Northing);
            cells[cell] = cells.GetValueOrDefault(cell) + weight;
        }
        return cells;
    }

    /// <summary>
    /// How many incidents of a group in the window (as <see cref="Sum"/> counts them) each location description had
    /// in each of <paramref name="cells"/>; incidents without a description are left out.
    /// </summary>
    public List<CellLocationCount> Locations(CellSize size, IReadOnlySet<GridCell> cells, CategoryGroup group, HeatWindow window, int monthIndex, DateTimeOffset now)
    {
        var inside = new Inside(window, monthIndex, now);
        var counts = new Dictionary<(GridCell Cell, int Location), int>();
        foreach (var entry in _entries)
        {
            if (entry.Location == NoLocation || !group.Includes((Category)entry.Category) || !inside.Holds(entry)) continue;
            var cell = size.CellAt(entry.Easting, entry.Northing);
            if (!cells.Contains(cell)) continue;
            counts[(cell, entry.Location)] = counts.GetValueOrDefault((cell, entry.Location)) + 1;
        }
        return [.. counts.Select(c => new CellLocationCount(c.Key.Cell, _locations[c.Key.Location], c.Value))];
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_locations.Count);
        foreach (var location in _locations) writer.Write(location);
        writer.Write(_entries.Count);
        foreach (var entry in _entries)
        {
            writer.Write(entry.Easting);
            writer.Write(entry.Northing);
            writer.Write(entry.Category);
            writer.Write(entry.Precision);
            writer.Write(entry.Location);
            writer.Write(entry.StartTicks);
        }
    }

    public static CellTally Read(BinaryReader reader)
    {
        var tally = new CellTally();
        for (var n = reader.ReadInt32(); n > 0; n--) tally.NumberOf(reader.ReadString());
        for (var n = reader.ReadInt32(); n > 0; n--)
            tally._entries.Add(new Entry(reader.ReadInt32(), reader.ReadInt32(), reader.ReadByte(), reader.ReadByte(), reader.ReadInt32(), reader.ReadInt64()));
        return tally;
    }

    private int NumberOf(string? location)
    {
        if (string.IsNullOrWhiteSpace(location)) return NoLocation;
        if (_locationNumbers.TryGetValue(location, out var number)) return number;
        _locationNumbers[location] = number = _locations.Count;
        _locations.Add(location);
        return number;
    }

    /// <summary>Whether an incident counts in a rolling window ending with the clock hour of now, or in a calendar month.</summary>
    private readonly struct Inside
    {
        private readonly HeatWindow _window;
        private readonly int _monthIndex;
        private readonly long _first;
        private readonly long _last;
        private readonly long _firstDay;
        private readonly long _lastDay;

        public Inside(HeatWindow window, int monthIndex, DateTimeOffset now)
        {
            (_window, _monthIndex) = (window, monthIndex);
            _last = AreaCounts.HourIndex(now);
            _first = _last - window.Hours + 1;
            _firstDay = (_first + 23) / 24;
            _lastDay = (_last + 1) / 24 - 1;
        }

        public bool Holds(Entry entry)
        {
            var start = new DateTimeOffset(entry.StartTicks, TimeSpan.Zero);
            if (_window.IsCalendarMonth) return start.Year * 12 + start.Month - 1 == _monthIndex;
            return (TimePrecision)entry.Precision switch
            {
                TimePrecision.Exact => AreaCounts.HourIndex(start) is var hour && hour >= _first && hour <= _last,
                TimePrecision.Day => AreaCounts.HourIndex(start) / 24 is var day && day >= _firstDay && day <= _lastDay,
                _ => false,
            };
        }
    }

    // Location sits in the padding after the two bytes, so the entry stays 24 bytes.
    private readonly record struct Entry(int Easting, int Northing, byte Category, byte Precision, int Location, long StartTicks);
}
