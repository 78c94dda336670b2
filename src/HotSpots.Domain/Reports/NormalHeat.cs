using HotSpots.Domain.Heat;

namespace HotSpots.Domain.Reports;

/// <summary>
/// A ward's heat over a report's period against its own normal: the calendar-month window's definition (the mean of the
/// months before, up to twelve) stretched to a period of several months, scored like every other heat
/// (<see cref="HeatScore.FreemanTukey"/>).
/// </summary>
public static class NormalHeat
{
    public const int BaselineMonths = 12;

    /// <param name="observed">The count in the period.</param>
    /// <param name="baselineMonths">The monthly counts of the months before the period that data covers, up to twelve.</param>
    /// <param name="periodMonths">How many months the period has.</param>
    /// <returns>The reading; its baseline counts in whole periods, so a period longer than the months known has none.</returns>
    public static HeatReading Of(long observed, IReadOnlyList<long> baselineMonths, int periodMonths)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodMonths, 1);
        var expected = baselineMonths.Count == 0 ? 0 : baselineMonths.Sum() * (double)periodMonths / baselineMonths.Count;
        return HeatReading.Of((int)observed, expected, baselineMonths.Count / (double)periodMonths);
    }
}
