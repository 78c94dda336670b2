namespace HotSpots.Domain.Alerts;

/// <summary>
/// What a detector reads of one area and group, oldest first with the current period last: daily counts (UTC days;
/// today so far last) and hourly counts (the current clock hour last). Recorded incidents only: the baseline never
/// contains drills. Drills are given apart and add to what is observed now. <see cref="CoveredDays"/> says how many
/// whole days before today the store's data covers: a young store's empty baseline is not a quiet one.
/// </summary>
public sealed record AreaSignal(int[] Days, int[] DrillDays, int[] Hours, int[] DrillHours)
{
    public int CoveredDays { get; init; } = int.MaxValue;

    /// <summary>Days of history a signal carries: enough for EARS C3 and a CUSUM baseline of four weeks before a week's run.</summary>
    public const int DaysHeld = 36;

    /// <summary>Hours of history a signal carries: a threshold window of up to a week.</summary>
    public const int HoursHeld = 168;

    public int Today => Days[^1] + DrillDays[^1];

    public bool HasDrills => DrillDays.AsSpan().ContainsAnyExcept(0) || DrillHours.AsSpan().ContainsAnyExcept(0);

    /// <summary>The same signal as if no drill had run.</summary>
    public AreaSignal WithoutDrills() => this with { DrillDays = new int[DrillDays.Length], DrillHours = new int[DrillHours.Length] };

    /// <summary>Incidents (drills included) in the last <paramref name="hours"/> clock hours, the current one included.</summary>
    public int LastHours(int hours)
    {
        var sum = 0;
        for (var i = Math.Max(0, Hours.Length - hours); i < Hours.Length; i++) sum += Hours[i] + DrillHours[i];
        return sum;
    }
}
