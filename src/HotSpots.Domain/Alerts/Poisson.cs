namespace HotSpots.Domain.Alerts;

/// <summary>Poisson probabilities for small counts, summed directly (the means here are small).</summary>
public static class Poisson
{
    public static double Pmf(int k, double mean)
    {
        if (k < 0) return 0;
        if (mean <= 0) return k == 0 ? 1 : 0;
        return Math.Exp(k * Math.Log(mean) - mean - LogFactorial(k));
    }

    /// <summary>P(X ≥ k) for X ~ Poisson(mean): the p-value of seeing k or more where mean was expected.</summary>
    public static double UpperTail(int k, double mean)
    {
        if (k <= 0) return 1;
        if (mean <= 0) return 0;
        double below = 0;
        for (var i = 0; i < k; i++) below += Pmf(i, mean);
        return Math.Clamp(1 - below, 0, 1);
    }

    /// <summary>A Poisson draw by Knuth's product of uniforms (the means here are small).</summary>
    public static int Sample(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }

    private static double LogFactorial(int n)
    {
        double sum = 0;
        for (var i = 2; i <= n; i++) sum += Math.Log(i);
        return sum;
    }
}
