namespace HotSpots.Domain.Alerts;

/// <summary>The reference value k and decision interval h of a Poisson CUSUM, and the in-control run length they give.</summary>
public readonly record struct CusumDesign(double InControlRate, double OutOfControlRate, double K, double H, double InControlRunLength);

/// <summary>
/// Poisson CUSUM (Lucas 1985): Sₜ = max(0, Sₜ₋₁ + xₜ − k), alarm when Sₜ ≥ h. For a baseline rate λ₀ per period and
/// a shift to detect λ₁ = ratio × λ₀, the optimal reference value is k = (λ₁ − λ₀) / (ln λ₁ − ln λ₀). h is the
/// smallest value whose in-control average run length (periods between false alarms when nothing has changed)
/// reaches the target, e.g. 365 daily periods for one false alarm per area per year. The run length is computed
/// exactly enough by the Markov-chain method of Brook and Evans (1972), with S measured in steps of 1/20; where that
/// would take more than <see cref="MaxStates"/> states (a high rate with a small shift, or a long hourly run length)
/// the steps are coarser, so that no design costs more than a fraction of a second.
/// </summary>
public static class PoissonCusum
{
    private const int StepsPerUnit = 20;
    private const double MinimumRate = 0.01;

    /// <summary>
    /// The run length is a dense linear solve, cubic in the states: 250 take a few milliseconds, while a rate of 50 a day
    /// with a 1.05 shift needed over 2,000 at 1/20 steps and three minutes per design, all of it inside alert evaluation.
    /// </summary>
    public const int MaxStates = 250;

    private static readonly Dictionary<(double, double, double), CusumDesign> Designs = [];
    private static readonly Lock DesignsLock = new();

    /// <summary>Designs k and h; the rate is rounded to two significant figures so that designs can be shared.</summary>
    public static CusumDesign Design(double inControlRate, double shiftRatio, double targetRunLength)
    {
        var rate = Round2(Math.Max(inControlRate, MinimumRate));
        lock (DesignsLock)
        {
            if (Designs.TryGetValue((rate, shiftRatio, targetRunLength), out var cached)) return cached;
        }
        var shifted = rate * shiftRatio;
        var k = (shifted - rate) / (Math.Log(shifted) - Math.Log(rate));
        double low = 0, high = 1;
        while (RunLength(rate, k, high, Steps(high)) < targetRunLength && high < 200) high *= 2;
        // One step size for the whole search, so that the run length only grows with h along it.
        var steps = Steps(high);
        for (var i = 0; i < 40 && high - low > 1.0 / steps; i++)
        {
            var mid = (low + high) / 2;
            if (RunLength(rate, k, mid, steps) >= targetRunLength) high = mid;
            else low = mid;
        }
        var design = new CusumDesign(rate, shifted, k, high, RunLength(rate, k, high, steps));
        lock (DesignsLock) Designs[(rate, shiftRatio, targetRunLength)] = design;
        return design;
    }

    /// <summary>Runs the CUSUM over a series from S = 0; returns the last S.</summary>
    public static double Run(ReadOnlySpan<int> counts, double k)
    {
        double s = 0;
        foreach (var x in counts) s = Math.Max(0, s + x - k);
        return s;
    }

    /// <summary>Average periods to a (false) alarm from S = 0 when counts are Poisson(rate).</summary>
    public static double RunLength(double rate, double k, double h) => RunLength(rate, k, h, Steps(h));

    /// <summary>Steps of S per unit: 20, or fewer where h is so large that 20 would exceed <see cref="MaxStates"/>.</summary>
    private static int Steps(double h) => Math.Clamp((int)(MaxStates / Math.Max(h, 1e-9)), 1, StepsPerUnit);

    private static double RunLength(double rate, double k, double h, int stepsPerUnit)
    {
        var states = (int)Math.Ceiling(h * stepsPerUnit);
        if (states <= 0) return 1;
        var kSteps = (int)Math.Round(k * stepsPerUnit);
        // (I − R) · L = 1 over the transient states 0 .. states−1, solved by Gaussian elimination.
        var matrix = new double[states, states + 1];
        var maxCount = (int)Math.Ceiling(rate + 10 * Math.Sqrt(rate) + h + k + 10);
        // The same probabilities for every state: worked out once, not once per state (at a rate of 1,000 that was most of the time).
        var pmf = new double[maxCount + 1];
        var counts = 0;
        for (; counts <= maxCount; counts++)
        {
            pmf[counts] = Poisson.Pmf(counts, rate);
            if (pmf[counts] < 1e-15 && counts > rate) break;
        }
        for (var i = 0; i < states; i++)
        {
            matrix[i, i] += 1;
            matrix[i, states] = 1;
            for (var x = 0; x < counts; x++)
            {
                var j = Math.Max(0, i + x * stepsPerUnit - kSteps);
                if (j < states) matrix[i, j] -= pmf[x];
            }
        }
        return Solve(matrix, states)[0];
    }

    private static double[] Solve(double[,] a, int n)
    {
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            }
            if (pivot != col)
            {
                for (var c = col; c <= n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            }
            for (var r = col + 1; r < n; r++)
            {
                var f = a[r, col] / a[col, col];
                if (f == 0) continue;
                for (var c = col; c <= n; c++) a[r, c] -= f * a[col, c];
            }
        }
        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = a[r, n];
            for (var c = r + 1; c < n; c++) sum -= a[r, c] * x[c];
            x[r] = sum / a[r, r];
        }
        return x;
    }

    private static double Round2(double value)
    {
        var scale = Math.Pow(10, Math.Floor(Math.Log10(value)) - 1);
        return Math.Round(value / scale) * scale;
    }
}
