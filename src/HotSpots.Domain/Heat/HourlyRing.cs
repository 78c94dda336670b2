namespace HotSpots.Domain.Heat;

/// <summary>
/// Counts per clock hour for the most recent <see cref="Length"/> hours, as a ring. Hours are absolute indexes
/// (hours since the Unix epoch), so reading never depends on when the ring was last written: any hour that is not
/// held counts as zero. Writing an hour later than the newest held clears the slots it rolls over.
/// </summary>
public sealed class HourlyRing(int length)
{
    private readonly int[] _counts = new int[length];
    private long _newest = long.MinValue;

    public int Length { get; } = length;

    /// <summary>Adds to an hour; returns false when the hour is too old to be held.</summary>
    public bool Add(long hour, int count = 1)
    {
        if (_newest == long.MinValue)
        {
            _newest = hour;
        }
        else if (hour > _newest)
        {
            var roll = Math.Min(hour - _newest, Length);
            for (long h = _newest + 1; h <= _newest + roll; h++) _counts[Slot(h)] = 0;
            _newest = hour;
        }
        else if (hour <= _newest - Length)
        {
            return false;
        }
        _counts[Slot(hour)] += count;
        return true;
    }

    /// <summary>Sum of the hours from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    public int Sum(long first, long last)
    {
        if (_newest == long.MinValue) return 0;
        first = Math.Max(first, _newest - Length + 1);
        last = Math.Min(last, _newest);
        var sum = 0;
        for (var h = first; h <= last; h++) sum += _counts[Slot(h)];
        return sum;
    }

    /// <summary>Writes the ring compactly: its newest hour and only the hours that hold something.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Length);
        writer.Write(_newest);
        writer.Write(_counts.Count(c => c != 0));
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] == 0) continue;
            writer.Write(i);
            writer.Write(_counts[i]);
        }
    }

    public static HourlyRing Read(BinaryReader reader)
    {
        var ring = new HourlyRing(reader.ReadInt32()) { _newest = reader.ReadInt64() };
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            var slot = reader.ReadInt32();
            ring._counts[slot] = reader.ReadInt32();
        }
        return ring;
    }

    private int Slot(long hour) => (int)(((hour % Length) + Length) % Length);
}
