using HotSpots.Domain.Evaluation;
using HotSpots.Domain.Incidents;

namespace HotSpots.Domain.Heat;

/// <summary>
/// Rolling incident counts of one area: hourly buckets per category for exact-time incidents, daily buckets for
/// day-precision ones (council cases give a date only), and monthly totals per category for every incident (the
/// calendar month window). A rolling window counts a dated incident when the whole of its day lies inside the window,
/// so the 7 d and 28 d windows include them and a 24 h window (which rarely covers a whole calendar day) does not.
/// For evaluations over any past period it also keeps every day's count per category (in blocks of 256 days, only for
/// categories that occur) and, apart, the monthly counts of incidents known only to the month.
/// Not thread-safe: its owner (a monitor) is the single writer.
/// </summary>
public sealed class AreaCounts
{
    private static readonly int DaysHeld = HeatWindow.HoursHeld / 24 + 2;

    private readonly HourlyRing?[] _hourly = new HourlyRing?[Categories.Count];
    private readonly HourlyRing?[] _daily = new HourlyRing?[Categories.Count];
    private readonly Dictionary<int, int[]> _monthly = [];
    private readonly Dictionary<int, int[]> _monthOnly = [];
    private readonly Dictionary<long, int[]> _dayBlocks = [];

    public long Total { get; private set; }

    public void Record(Category category, OccurredAt occurredAt)
    {
        Total++;
        if (!_monthly.TryGetValue(occurredAt.MonthIndex, out var month))
            _monthly[occurredAt.MonthIndex] = month = new int[Categories.Count];
        month[(int)category]++;

        if (occurredAt.Precision == TimePrecision.Month)
        {
            if (!_monthOnly.TryGetValue(occurredAt.MonthIndex, out var only))
                _monthOnly[occurredAt.MonthIndex] = only = new int[Categories.Count];
            only[(int)category]++;
            return;
        }

        var day = DayRange.DayOf(occurredAt.Start);
        var key = BlockKey(day >> BlockBits, category);
        if (!_dayBlocks.TryGetValue(key, out var block)) _dayBlocks[key] = block = new int[1 << BlockBits];
        block[day & BlockMask]++;

        if (occurredAt.Precision == TimePrecision.Exact)
        {
            var ring = _hourly[(int)category] ??= new HourlyRing(HeatWindow.HoursHeld);
            ring.Add(HourIndex(occurredAt.Start));
        }
        else if (occurredAt.Precision == TimePrecision.Day)
        {
            var ring = _daily[(int)category] ??= new HourlyRing(DaysHeld);
            ring.Add(HourIndex(occurredAt.Start) / 24);
        }
    }

    /// <summary>
    /// Heat for a rolling window ending with the clock hour of <paramref name="now"/>. The baseline only counts hours at
    /// or after <paramref name="coverageStart"/> (when the data begins), so a young store does not read as a quiet one.
    /// </summary>
    public HeatReading Rolling(CategoryGroup group, HeatWindow window, DateTimeOffset now, DateTimeOffset? coverageStart)
    {
        if (window.IsCalendarMonth) throw new ArgumentException("use Month for the calendar month window", nameof(window));
        var last = HourIndex(now);
        var first = last - window.Hours + 1;
        var observed = SumHours(group, first, last);

        var baselineFirst = first - (long)window.Hours * window.BaselinePeriods;
        if (coverageStart is { } start) baselineFirst = Math.Max(baselineFirst, HourIndex(start));
        var coveredHours = Math.Max(0, first - baselineFirst);
        var periods = (double)coveredHours / window.Hours;
        if (periods < 1) return HeatReading.Of(observed, 0, periods);

        var baseline = SumHours(group, baselineFirst, first - 1);
        return HeatReading.Of(observed, baseline / periods, periods);
    }

    /// <summary>Heat for a calendar month against the mean of up to twelve earlier months since coverage began.</summary>
    public HeatReading Month(CategoryGroup group, int monthIndex, int? coverageStartMonth)
    {
        var observed = SumMonth(group, monthIndex);
        var firstBaseline = Math.Max(monthIndex - HeatWindow.Month.BaselinePeriods, coverageStartMonth ?? monthIndex);
        var periods = monthIndex - firstBaseline;
        if (periods < 1) return HeatReading.Of(observed, 0, 0);
        var baseline = 0;
        for (var m = firstBaseline; m < monthIndex; m++) baseline += SumMonth(group, m);
        return HeatReading.Of(observed, (double)baseline / periods, periods);
    }

    /// <summary>
    /// Daily counts of a group, oldest first, the last element being the UTC day of <paramref name="now"/> so far: timed
    /// incidents by the day of their hour, dated ones by their date.
    /// </summary>
    public void FillDays(CategoryGroup group, DateTimeOffset now, Span<int> days)
    {
        var today = HourIndex(now) / 24;
        for (var i = 0; i < days.Length; i++)
        {
            var day = today - (days.Length - 1 - i);
            var sum = 0;
            for (var c = 0; c < Categories.Count; c++)
            {
                if ((group.Mask & (1u << c)) == 0) continue;
                if (_hourly[c] is { } ring) sum += ring.Sum(day * 24, day * 24 + 23);
                if (_daily[c] is { } dated) sum += dated.Sum(day, day);
            }
            days[i] = sum;
        }
    }

    /// <summary>Hourly counts of timed incidents of a group, oldest first, the last element being the clock hour of <paramref name="now"/>.</summary>
    public void FillHours(CategoryGroup group, DateTimeOffset now, Span<int> hours)
    {
        var current = HourIndex(now);
        for (var i = 0; i < hours.Length; i++)
        {
            var hour = current - (hours.Length - 1 - i);
            var sum = 0;
            for (var c = 0; c < Categories.Count; c++)
            {
                if ((group.Mask & (1u << c)) != 0 && _hourly[c] is { } ring) sum += ring.Sum(hour, hour);
            }
            hours[i] = sum;
        }
    }

    /// <summary>Monthly counts of a group, oldest first, the last element being month <paramref name="lastMonthIndex"/>.</summary>
    public void FillMonths(CategoryGroup group, int lastMonthIndex, Span<int> months)
    {
        for (var i = 0; i < months.Length; i++) months[i] = SumMonth(group, lastMonthIndex - (months.Length - 1 - i));
    }

    /// <summary>
    /// Incidents of a group in a range of days: timed and dated ones by their day, and those known only to the month
    /// when the whole month lies inside the range (<see cref="PeriodCount.Straddling"/> counts those whose month
    /// overlaps it only in part).
    /// </summary>
    public PeriodCount Count(CategoryGroup group, DayRange range)
    {
        if (range.IsEmpty) return default;
        var count = 0;
        for (var c = 0; c < Categories.Count; c++)
        {
            if ((group.Mask & (1u << c)) == 0) continue;
            for (var b = range.First >> BlockBits; b <= (range.End - 1) >> BlockBits; b++)
            {
                if (!_dayBlocks.TryGetValue(BlockKey(b, (Category)c), out var block)) continue;
                var from = Math.Max(range.First, b << BlockBits) - (b << BlockBits);
                var to = Math.Min(range.End, (b + 1) << BlockBits) - (b << BlockBits);
                for (var i = from; i < to; i++) count += block[i];
            }
        }
        var straddling = 0;
        foreach (var (monthIndex, counts) in _monthOnly)
        {
            var month = DayRange.Month(monthIndex);
            var overlap = month.Intersect(range);
            if (overlap.IsEmpty) continue;
            var sum = 0;
            for (var c = 0; c < Categories.Count; c++)
            {
                if ((group.Mask & (1u << c)) != 0) sum += counts[c];
            }
            if (overlap == month) count += sum;
            else straddling += sum;
        }
        return new PeriodCount(count, straddling);
    }

    /// <summary>Incidents of a group per day of a range (timed and dated ones; month-only ones have no day), oldest first.</summary>
    public void FillDays(CategoryGroup group, DayRange range, Span<int> days)
    {
        days.Clear();
        for (var c = 0; c < Categories.Count; c++)
        {
            if ((group.Mask & (1u << c)) == 0) continue;
            for (var day = range.First; day < range.End && day - range.First < days.Length; day++)
            {
                if (_dayBlocks.TryGetValue(BlockKey(day >> BlockBits, (Category)c), out var block)) days[day - range.First] += block[day & BlockMask];
            }
        }
    }

    /// <summary>
    /// Writes every count (for a checkpoint): the rings compactly, monthly totals per category, and the day blocks.
    /// <see cref="Read"/> gives back counts that answer every question exactly as these do.
    /// </summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Total);
        WriteRings(writer, _hourly);
        WriteRings(writer, _daily);
        WriteBlocks(writer, _monthly);
        WriteBlocks(writer, _monthOnly);
        WriteBlocks(writer, _dayBlocks);
    }

    public static AreaCounts Read(BinaryReader reader)
    {
        var counts = new AreaCounts { Total = reader.ReadInt64() };
        ReadRings(reader, counts._hourly);
        ReadRings(reader, counts._daily);
        ReadBlocks(reader, counts._monthly, r => r.ReadInt32());
        ReadBlocks(reader, counts._monthOnly, r => r.ReadInt32());
        ReadBlocks(reader, counts._dayBlocks, r => r.ReadInt64());
        return counts;
    }

    private static void WriteRings(BinaryWriter writer, HourlyRing?[] rings)
    {
        foreach (var ring in rings)
        {
            writer.Write(ring is not null);
            ring?.Write(writer);
        }
    }

    private static void ReadRings(BinaryReader reader, HourlyRing?[] rings)
    {
        for (var i = 0; i < rings.Length; i++) rings[i] = reader.ReadBoolean() ? HourlyRing.Read(reader) : null;
    }

    private static void WriteBlocks<TKey>(BinaryWriter writer, Dictionary<TKey, int[]> blocks) where TKey : notnull
    {
        writer.Write(blocks.Count);
        foreach (var (key, values) in blocks)
        {
            if (key is long wide) writer.Write(wide);
            else writer.Write((int)(object)key);
            writer.Write(values.Length);
            foreach (var value in values) writer.Write(value);
        }
    }

    private static void ReadBlocks<TKey>(BinaryReader reader, Dictionary<TKey, int[]> blocks, Func<BinaryReader, TKey> readKey) where TKey : notnull
    {
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            var key = readKey(reader);
            var values = new int[reader.ReadInt32()];
            for (var i = 0; i < values.Length; i++) values[i] = reader.ReadInt32();
            blocks[key] = values;
        }
    }

    private const int BlockBits = 8;
    private const int BlockMask = (1 << BlockBits) - 1;

    private static long BlockKey(int block, Category category) => (long)block * 64 + (int)category;

    public static long HourIndex(DateTimeOffset instant) =>
        (long)Math.Floor(instant.ToUnixTimeMilliseconds() / 3_600_000d);

    /// <summary>Incidents in hours <paramref name="first"/> to <paramref name="last"/>, with dated ones whose whole day lies inside.</summary>
    private int SumHours(CategoryGroup group, long first, long last)
    {
        var firstDay = (first + 23) / 24;
        var lastDay = (last + 1) / 24 - 1;
        var sum = 0;
        for (var c = 0; c < Categories.Count; c++)
        {
            if ((group.Mask & (1u << c)) == 0) continue;
            if (_hourly[c] is { } ring) sum += ring.Sum(first, last);
            if (_daily[c] is { } days && firstDay <= lastDay) sum += days.Sum(firstDay, lastDay);
        }
        return sum;
    }

    private int SumMonth(CategoryGroup group, int monthIndex)
    {
        if (!_monthly.TryGetValue(monthIndex, out var month)) return 0;
        var sum = 0;
        for (var c = 0; c < Categories.Count; c++)
        {
            if ((group.Mask & (1u << c)) != 0) sum += month[c];
        }
        return sum;
    }
}
