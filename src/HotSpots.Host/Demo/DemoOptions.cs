namespace HotSpots.Host.Demo;

/// <summary>Bound from <c>HotSpots:Demo</c>.</summary>
public sealed class DemoOptions
{
    /// <summary>The seeded demo feed; unset means on exactly when no ward files are configured.</summary>
    public bool? Feed { get; set; }

    /// <summary>Multiplies every real rate: 1 is Thurrock as it is (about 2.5 incidents an hour); 20 makes a lively demo.</summary>
    public double Intensity { get; set; } = 1;

    public int Seed { get; set; } = 2018;
}
