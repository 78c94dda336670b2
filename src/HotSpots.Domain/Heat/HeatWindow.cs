namespace HotSpots.Domain.Heat;

/// <summary>
/// A heat window and its baseline. Rolling windows end with the current clock hour; their expected count is the mean
/// of the same-length periods immediately before the window (<see cref="BaselinePeriods"/> of them). The calendar
/// month window compares a month with the mean of up to twelve months before it.
/// </summary>
public sealed record HeatWindow(string Slug, int Hours, int BaselinePeriods)
{
    public static readonly HeatWindow Day = new("24h", 24, 28);
    public static readonly HeatWindow Week = new("7d", 7 * 24, 8);
    public static readonly HeatWindow FourWeeks = new("28d", 28 * 24, 3);
    public static readonly HeatWindow Month = new("month", 0, 12);

    public static IReadOnlyList<HeatWindow> All { get; } = [Day, Week, FourWeeks, Month];

    public bool IsCalendarMonth => Hours == 0;

    /// <summary>How far back heat can be asked "as it was" (the dashboard's time slider): seven days.</summary>
    public const int LookBackHours = 7 * 24;

    /// <summary>Hours the hourly buckets must hold to answer every rolling window and its baseline, as of any hour in the look-back.</summary>
    public static int HoursHeld { get; } = All.Max(w => w.Hours * (w.BaselinePeriods + 1)) + LookBackHours + 24;

    public static bool TryParse(string? slug, out HeatWindow window)
    {
        window = All.FirstOrDefault(w => w.Slug == slug)!;
        return window is not null;
    }
}
