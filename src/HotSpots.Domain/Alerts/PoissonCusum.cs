namespace HotSpots.Domain.Alerts;

/// <summary>The reference value k and decision interval h of a Poisson CUSUM, and the in-control run length they give.</summary>
public readonly record struct CusumDesign(double InControlRate, double OutOfControlRate, double K, double H, double InControlRunLength);

/// <summary>
/// Poisson CUSUM (Lucas 1985): Sₜ = max(0, Sₜ₋₁ + xₜ − k), alarm when Sₜ ≥ h. For a baseline rate λ₀ per period and
/// a shift to detect λ₁ = ratio × λ₀, the optimal reference value is k = (λ₁ − λ₀) / (ln λ₁ − ln λ₀). h is the
/// smallest value whose in-control average run length (periods between false alarms when nothing has changed)
/// reaches the target, e.g. 365 daily periods for one false alarm per area per year. The run length is computed
/// exactly enough by the Markov-chain method of Brook and Evans (1972), with S measured in steps of 1/20.
/// </summary>
public static class PoissonCusum
{
    private const int StepsPerUnit = 20;
    private const double MinimumRate = 0.01;

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
        while (RunLength(rate, k, high) < targetRunLength && high < 200) high *= 2;
        for (var i = 0; i < 40 && high - low > 1.0 / StepsPerUnit; i++)
        {
            var mid = (low + high) / 2;
            if (RunLength(rate, k, mid) >= targetRunLength) high = mid;
            else low = mid;
        }
        var design = new CusumDesign(rate, shifted, k, high, RunLength(rate, k, high));
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
    public static double RunLength(double rate, double k, double h)
    {
        var states = (int)Math.Ceiling(h * StepsPerUnit);
        if (states <= 0) return 1;
        var kSteps = (int)Math.Round(k * StepsPerUnit);
        // (I − R) · L = 1 over the transient states 0 .. states−1, solved by Gaussian elimination.
        var matrix = new double[states, states + 1];
        var maxCount = (int)Math.Ceiling(rate + 10 * Math.Sqrt(rate) + h + k + 10);
        for (var i = 0; i < states; i++)
        {
            matrix[i, i] += 1;
            matrix[i, states] = 1;
            for (var x = 0; x <= maxCount; x++)
            {
                var p = Poisson.Pmf(x, rate);
                if (p < 1e-15 && x > rate) break;
                var j = Math.Max(0, i + x * StepsPerUnit - kSteps);
                if (j < states) matrix[i, j] -= p;
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
