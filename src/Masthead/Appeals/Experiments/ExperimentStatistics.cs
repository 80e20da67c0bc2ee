using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Masthead.Appeals.Experiments;

/// <summary>A closed interval of plausible values, <see cref="Low"/> ≤ <see cref="High"/>.</summary>
public readonly record struct Interval(double Low, double High);

/// <summary>
/// The statistics an A/B/n appeal experiment's results are read with: intervals on a variant's conversion rate and
/// revenue per showing, the chance that each variant is the best, the sample-ratio check, and the sample size to plan.
/// </summary>
/// <remarks>
/// The special functions (normal quantile, upper incomplete gamma, Gauss–Legendre nodes) come from MathNet.Numerics:
/// they are easy to get subtly wrong in the tails, and a tested library is cheaper than our own tests of them.
/// </remarks>
public static class ExperimentStatistics
{
    /// <summary>The Wilson score interval for <paramref name="successes"/> out of <paramref name="trials"/>; (0, 1) for no trials.</summary>
    public static Interval Wilson(long successes, long trials, double confidence = 0.95)
    {
        CheckCounts(successes, trials);
        var z = TwoSidedZ(confidence, nameof(confidence));
        if (trials == 0)
        {
            return new Interval(0, 1);
        }
        double n = trials, p = successes / n, z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// The mean per showing of a non-negative value (such as annualised revenue) from its count, sum and sum of squares,
    /// with a normal interval on it whose low end is at least 0. No showings give (0, (0, 0)); one showing says nothing
    /// of the spread, so its interval is (0, ∞).
    /// </summary>
    public static (double Mean, Interval Interval) Mean(long n, double sum, double sumOfSquares, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (!double.IsFinite(sum) || sum < 0 || (n == 0 && sum != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(sum), sum, "The sum of non-negative values must be finite, at least 0, and 0 without showings.");
        }
        // Cauchy–Schwarz: sum² ≤ n·sumOfSquares for any real values; a little slack for the caller's rounding.
        if (!double.IsFinite(sumOfSquares) || sumOfSquares < 0 || sum * sum > n * sumOfSquares * (1 + 1e-9))
        {
            throw new ArgumentOutOfRangeException(nameof(sumOfSquares), sumOfSquares, "No values have this sum of squares with this count and sum.");
        }
        var z = TwoSidedZ(confidence, nameof(confidence));
        if (n == 0)
        {
            return (0, new Interval(0, 0));
        }
        var mean = sum / n;
        if (n == 1)
        {
            return (mean, new Interval(0, double.PositiveInfinity));
        }
        // sum²/n rather than n·mean², and clamped, as the difference of two near-equal sums can round below zero.
        var variance = Math.Max(0, (sumOfSquares - sum * sum / n) / (n - 1));
        var half = z * Math.Sqrt(variance / n);
        return (mean, new Interval(Math.Max(0, mean - half), mean + half));
    }

    /// <summary>
    /// The probability that each variant has the highest conversion rate, under independent Beta(1 + successes,
    /// 1 + failures) posteriors, by numerical integration of P(i best) = ∫ fᵢ(x) Πⱼ≠ᵢ Fⱼ(x) dx; the results sum to 1.
    /// </summary>
    public static IReadOnlyList<double> ProbabilityBest(IReadOnlyList<(long Successes, long Trials)> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        foreach (var (successes, trials) in variants)
        {
            CheckCounts(successes, trials);
        }
        return variants.Count switch
        {
            0 => [],
            1 => [1.0],
            _ => PosteriorIntegration.ProbabilityBest([.. variants.Select(v => new BetaPosterior(1.0 + v.Successes, 1.0 + v.Trials - v.Successes))]),
        };
    }

    /// <summary>
    /// The sample-ratio mismatch check: the chi-square goodness-of-fit p-value of the showings each variant got
    /// against the weights it should have got (normalised). Fewer than two variants, or no showings, give 1.
    /// </summary>
    public static double SampleRatioPValue(IReadOnlyList<long> observed, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(weights);
        if (observed.Count != weights.Count)
        {
            throw new ArgumentException("Each observed count needs its weight.", nameof(weights));
        }
        foreach (var count in observed)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(observed));
        }
        foreach (var weight in weights)
        {
            if (!(weight > 0 && double.IsFinite(weight)))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), weight, "Weights must be positive and finite.");
            }
        }
        double total = observed.Sum(), weightTotal = weights.Sum();
        if (observed.Count < 2 || total == 0)
        {
            return 1;
        }
        var chiSquare = 0.0;
        for (var i = 0; i < observed.Count; i++)
        {
            var expected = total * weights[i] / weightTotal;
            chiSquare += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        // The upper regularized gamma Q(k/2, χ²/2) rather than 1 − CDF, which would round a tiny p-value to 0.
        return SpecialFunctions.GammaUpperRegularized((observed.Count - 1) / 2.0, chiSquare / 2);
    }

    /// <summary>
    /// Showings per variant for a two-sided two-proportion z-test to detect <paramref name="relativeLift"/> (0.2 is +20 %)
    /// over <paramref name="baselineRate"/>, with the pooled variance under the null hypothesis and the unpooled one
    /// under the alternative: n = (z₁₋α/₂·√(2p̄q̄) + z_power·√(p₁q₁ + p₂q₂))² / (p₂ − p₁)², as R's power.prop.test.
    /// </summary>
    public static long SampleSizePerVariant(double baselineRate, double relativeLift, double alpha = 0.05, double power = 0.8)
    {
        if (!(baselineRate > 0 && baselineRate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(baselineRate), baselineRate, "A rate is between 0 and 1.");
        }
        var p1 = baselineRate;
        var p2 = p1 * (1 + relativeLift);
        if (relativeLift == 0 || !(p2 > 0 && p2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeLift), relativeLift, "The lifted rate must differ from the baseline and be between 0 and 1.");
        }
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha is between 0 and 1.");
        }
        // Below one half the power's z is negative and the formula stops meaning anything.
        if (!(power >= 0.5 && power < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, "Power is at least 0.5 and below 1.");
        }
        var zAlpha = Normal.InvCDF(0, 1, 1 - alpha / 2);
        var zPower = Normal.InvCDF(0, 1, power);
        var pooled = (p1 + p2) / 2;
        var root = zAlpha * Math.Sqrt(2 * pooled * (1 - pooled)) + zPower * Math.Sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        var n = Math.Ceiling(root * root / ((p2 - p1) * (p2 - p1)));
        if (n >= long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(relativeLift), relativeLift, "The lift is too small to detect with any number of showings.");
        }
        return (long)n;
    }

    private static void CheckCounts(long successes, long trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
    }

    private static double TwoSidedZ(double confidence, string name) => confidence > 0 && confidence < 1
        ? Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2)
        : throw new ArgumentOutOfRangeException(name, confidence, "A confidence is between 0 and 1.");
}
