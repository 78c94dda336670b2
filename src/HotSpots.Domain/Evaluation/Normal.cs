namespace HotSpots.Domain.Evaluation;

/// <summary>The standard normal distribution, enough for two-sided p-values and 95% intervals.</summary>
public static class Normal
{
    /// <summary>The 97.5th percentile: a 95% interval is the estimate ± this many standard errors.</summary>
    public const double Z95 = 1.959963984540054;

    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    public static double TwoSidedP(double z) => Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>Complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7).</summary>
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
