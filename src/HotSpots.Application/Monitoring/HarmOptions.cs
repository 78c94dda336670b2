using HotSpots.Domain.Incidents;

namespace HotSpots.Application.Monitoring;

/// <summary>Bound from <c>HotSpots:Harm</c>. No table is shipped: weights are the partnership's own choice.</summary>
public sealed class HarmOptions
{
    /// <summary>Whether heat, ranking and the grid weigh incidents by harm when a request does not say.</summary>
    public bool Enabled { get; set; }

    /// <summary>Weight per category slug; a category not listed weighs 1.</summary>
    public Dictionary<string, double> Weights { get; set; } = [];

    /// <summary>The weights indexed by category. The table is checked when the host starts, so a bad one stops it there rather than failing a request.</summary>
    public double[] Table() => ByCategory(out var error) ?? throw new InvalidOperationException(error);

    /// <summary>The weights indexed by category, or null with the problem when a slug or a weight is not one.</summary>
    public double[]? ByCategory(out string? error)
    {
        error = null;
        var weights = new double[Categories.Count];
        Array.Fill(weights, 1);
        foreach (var (slug, weight) in Weights)
        {
            if (!Categories.TryParse(slug, out var category)) error = $"HotSpots:Harm:Weights names '{slug}', which is not a category";
            else if (!double.IsFinite(weight) || weight < 0) error = $"HotSpots:Harm:Weights:{slug} is {weight}; a weight is zero or more";
            else weights[(int)category] = weight;
            if (error is not null) return null;
        }
        return weights;
    }
}
