using HotSpots.Domain.Heat;
using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Grid;

/// <summary>
/// The incidents of one stretch of the map at their BNG points (whole metres), so that any cell size can be counted
/// from them: a cell of 300 m does not nest in one of 250 m, and counts kept per cell of one size could not answer it.
/// Counts follow the area counts' rules: a rolling window counts exact incidents in its clock hours and dated ones
/// whose whole day lies inside it; the calendar month counts every incident of the month, month-only ones included.
/// Not thread-safe: its owner is the single writer.
/// </summary>
public sealed class CellTally
{
    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public void Record(Category category, OccurredAt occurredAt, double easting, double northing) =>
        _entries.Add(new Entry((int)Math.Floor(easting), (int)Math.Floor(northing), (byte)category, (byte)occurredAt.Precision, occurredAt.Start.UtcTicks));

    /// <summary>
    /// Each cell's count (or, with <paramref name="weights"/> indexed by category, its summed harm) of a group in a
    /// window ending with the clock hour of <paramref name="now"/>, or in the month <paramref name="monthIndex"/>.
    /// </summary>
    public Dictionary<GridCell, double> Sum(CellSize size, CategoryGroup group, HeatWindow window, int monthIndex, DateTimeOffset now, IReadOnlyList<double>? weights = null)
    {
        var last = AreaCounts.HourIndex(now);
        var first = last - window.Hours + 1;
        var firstDay = (first + 23) / 24;
        var lastDay = (last + 1) / 24 - 1;
        var cells = new Dictionary<GridCell, double>();
        foreach (var entry in _entries)
        {
            var category = (Category)entry.Category;
            if (!group.Includes(category)) continue;
            var start = new DateTimeOffset(entry.StartTicks, TimeSpan.Zero);
            var precision = (TimePrecision)entry.Precision;
            bool inside;
            if (window.IsCalendarMonth) inside = start.Year * 12 + start.Month - 1 == monthIndex;
            else if (precision == TimePrecision.Exact) inside = AreaCounts.HourIndex(start) is var hour && hour >= first && hour <= last;
            else if (precision == TimePrecision.Day) inside = AreaCounts.HourIndex(start) / 24 is var day && day >= firstDay && day <= lastDay;
            else inside = false;
            if (!inside) continue;
            var weight = weights is null ? 1 : weights[(int)category];
            if (weight <= 0) continue;
            var cell = size.CellAt(entry.Easting, entry.Northing);
            cells[cell] = cells.GetValueOrDefault(cell) + weight;
        }
        return cells;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_entries.Count);
        foreach (var entry in _entries)
        {
            writer.Write(entry.Easting);
            writer.Write(entry.Northing);
            writer.Write(entry.Category);
            writer.Write(entry.Precision);
            writer.Write(entry.StartTicks);
        }
    }

    public static CellTally Read(BinaryReader reader)
    {
        var tally = new CellTally();
        for (var n = reader.ReadInt32(); n > 0; n--)
            tally._entries.Add(new Entry(reader.ReadInt32(), reader.ReadInt32(), reader.ReadByte(), reader.ReadByte(), reader.ReadInt64()));
        return tally;
    }

    private readonly record struct Entry(int Easting, int Northing, byte Category, byte Precision, long StartTicks);
}
