namespace HotSpots.Host.Security;

/// <summary>Bound from <c>HotSpots:Limits</c>.</summary>
public sealed class RequestLimitsOptions
{
    /// <summary>Largest request body any endpoint reads unless it is a bulk one: sign-in, alert notes, drills, zones, operations.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest body of the bulk endpoints: incident and patrol batches, patrol CSV imports and ward sets.</summary>
    public long MaxBulkRequestBodyBytes { get; set; } = 16 * 1024 * 1024;
}
