using Masthead.Appeals.Experiments;
using MathNet.Numerics;

namespace Masthead.Tests.Unit;

// Unless a comment says otherwise, the expected values were printed by ExperimentStatisticsReference.py beside this
// file: mpmath 1.3.0 at mp.dps = 30, independent of MathNet (each function's method is in its docstring).
public sealed class ExperimentStatisticsTests
{
    [Theory]
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17,
    // method 3 (the Wilson score interval), printed to four decimals.
    [InlineData(81, 263, 0.95, 0.2553, 0.3662, 5e-5)]
    [InlineData(15, 148, 0.95, 0.0624, 0.1605, 5e-5)]
    [InlineData(0, 20, 0.95, 0.0, 0.1611, 5e-5)]
    [InlineData(1, 29, 0.95, 0.0061, 0.1718, 5e-5)]
    // mpmath: the closed form, z = √2·erfinv(confidence).
    [InlineData(81, 263, 0.95, 0.25528851987827423, 0.36620957698280007, 1e-13)]
    [InlineData(81, 263, 0.99, 0.24013690268760769, 0.38528250231822985, 1e-13)]
    [InlineData(263, 263, 0.95, 0.98560396559938079, 1.0, 1e-13)]
    [InlineData(5_000_000, 10_000_000, 0.95, 0.49969010254337063, 0.50030989745662937, 1e-13)]
    public void Wilson_intervals_match_the_published_and_mpmath_values(long successes, long trials, double confidence, double low, double high, double tolerance)
    {
        var interval = ExperimentStatistics.Wilson(successes, trials, confidence);
        Assert.Equal(low, interval.Low, tolerance);
        Assert.Equal(high, interval.High, tolerance);
    }

    [Fact]
    public void No_trials_leave_the_whole_range_of_rates_plausible() =>
        Assert.Equal(new Interval(0, 1), ExperimentStatistics.Wilson(0, 0));

    [Theory]
    [InlineData(-1, 10, 0.95)]
    [InlineData(0, -1, 0.95)]
    [InlineData(11, 10, 0.95)]
    [InlineData(5, 10, 0.0)]
    [InlineData(5, 10, 1.0)]
    [InlineData(5, 10, double.NaN)]
    public void Wilson_refuses_impossible_counts_and_confidences(long successes, long trials, double confidence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentStatistics.Wilson(successes, trials, confidence));

    [Theory]
    // mpmath: mean ± z·s/√n with the sample standard deviation of the values themselves: seven showings worth 0,
    // then 60, 120 and 36 (the low end, −3.389348648815101, is clamped at 0); 950 at 0, 40 at 60 and 10 at 120.
    [InlineData(10, 216, 19296, 21.6, 0, 46.589348648815101)]
    [InlineData(1000, 3600, 288000, 3.6, 2.5715971380386952, 4.6284028619613048)]
    [InlineData(0, 0, 0, 0, 0, 0)]
    public void Mean_per_showing_has_a_normal_interval_clamped_at_zero(long n, double sum, double sumOfSquares, double mean, double low, double high)
    {
        var (actualMean, interval) = ExperimentStatistics.Mean(n, sum, sumOfSquares);
        Assert.Equal(mean, actualMean, 1e-12);
        Assert.Equal(low, interval.Low, 1e-12);
        Assert.Equal(high, interval.High, 1e-12);
    }

    [Fact]
    public void One_showing_says_nothing_of_the_spread() =>
        Assert.Equal((60.0, new Interval(0, double.PositiveInfinity)), ExperimentStatistics.Mean(1, 60, 3600));

    [Fact]
    public void Identical_values_have_an_interval_of_no_width_even_when_the_sums_round()
    {
        // A million showings of 0.1: sum² / n and the sum of squares can differ only by rounding, which must not go negative.
        var (mean, interval) = ExperimentStatistics.Mean(1_000_000, 0.1 * 1_000_000, 0.01 * 1_000_000);
        Assert.Equal(0.1, mean, 1e-12);
        Assert.Equal(0.1, interval.Low, 1e-6);
        Assert.Equal(0.1, interval.High, 1e-6);
    }

    [Theory]
    [InlineData(-1, 0, 0)]
    [InlineData(10, -5, 100)]
    [InlineData(10, 5, -1)]
    [InlineData(0, 5, 25)]
    [InlineData(2, 10, 10)]
    [InlineData(2, double.NaN, 10)]
    [InlineData(2, 10, double.PositiveInfinity)]
    public void Mean_refuses_sums_no_values_could_have(long n, double sum, double sumOfSquares) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentStatistics.Mean(n, sum, sumOfSquares));

    private static readonly (long, long)[] FiveInTheMillions =
        [(500_000, 10_000_000), (501_000, 10_000_000), (499_500, 10_000_000), (502_000, 10_000_000), (500_500, 10_000_000)];

    public static TheoryData<(long, long)[], double[], double> Posteriors => new()
    {
        // mpmath.quad of betapdf·betacdf; for the first, Evan Miller's closed form agrees to all 17 digits.
        { [(10, 100), (15, 100)], [0.14671621006603387, 0.85328378993396613], 1e-13 },
        { [(30, 1000), (42, 1000), (35, 900)], [0.034386572683355768, 0.61013432000831543, 0.3554791073083288], 1e-13 },
        // Beta(1, 1) against Beta(4, 8): P(U > X) = 1 − E[X] = 2/3 exactly.
        { [(0, 0), (3, 10)], [0.66666666666666667, 0.33333333333333333], 1e-13 },
        // All successes: Beta(21, 1) against Beta(20, 2), 31/41 exactly.
        { [(20, 20), (19, 20)], [0.75609756097560976, 0.24390243902439024], 1e-13 },
        // Counts in the millions (the script's --slow cases): a nested mpmath.quad of the density for each CDF; for the
        // two, Evan Miller's sum agrees to all 17 digits.
        { [(500_000, 10_000_000), (501_000, 10_000_000)], [0.15256549009058662, 0.84743450990941338], 1e-10 },
        { FiveInTheMillions, [0.0099857565498272728, 0.13854042014140105, 0.0017563400527632125, 0.80742194891429459, 0.042295534341713878], 1e-10 },
        // Posteriors piled against 0 (exponential-shaped, heavy right tail), CDFs from the binomial sum.
        { [(0, 10_000_000), (1, 10_000_000), (3, 10_000_000)], [0.045010274648492082, 0.17618310031721413, 0.77880662503429379], 1e-10 },
    };

    [Theory]
    [MemberData(nameof(Posteriors))]
    public void Probability_best_matches_mpmath_integration((long, long)[] variants, double[] expected, double tolerance)
    {
        var best = ExperimentStatistics.ProbabilityBest(variants);
        Assert.Equal(expected.Length, best.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], best[i], tolerance);
        }
    }

    [Theory]
    [InlineData(10, 100, 15, 100, 1e-10)]
    [InlineData(0, 0, 3, 10, 1e-10)]
    [InlineData(120, 4000, 131, 3900, 1e-10)]
    [InlineData(499_000, 10_000_000, 498_000, 9_990_000, 1e-7)]
    [InlineData(500_000, 10_000_000, 501_000, 10_000_000, 1e-7)]
    public void Probability_best_of_two_agrees_with_evan_millers_closed_form(long successesA, long trialsA, long successesB, long trialsB, double tolerance) =>
        Assert.Equal(EvanMiller(successesA, trialsA, successesB, trialsB),
            ExperimentStatistics.ProbabilityBest([(successesA, trialsA), (successesB, trialsB)])[1], tolerance);

    [Theory]
    [InlineData(2, 50, 1000)]
    [InlineData(4, 50, 1000)]
    [InlineData(5, 500_000, 10_000_000)]
    public void Identical_variants_are_equally_likely_to_be_best(int count, long successes, long trials)
    {
        var best = ExperimentStatistics.ProbabilityBest([.. Enumerable.Repeat((successes, trials), count)]);
        Assert.All(best, p => Assert.Equal(1.0 / count, p, 1e-9));
    }

    // Its speed (about a millisecond here) is not asserted: tests stay deterministic.
    [Fact]
    public void Five_variants_in_the_millions_sum_to_one()
    {
        Assert.Equal(1.0, ExperimentStatistics.ProbabilityBest(FiveInTheMillions).Sum(), 1e-12);
    }

    private static readonly double[] Surely = [1.0];

    [Fact]
    public void One_variant_is_surely_best_and_none_gives_nothing()
    {
        Assert.Equal(Surely, ExperimentStatistics.ProbabilityBest([(3, 10)]));
        Assert.Empty(ExperimentStatistics.ProbabilityBest([]));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    [InlineData(0, -1)]
    public void Probability_best_refuses_impossible_counts(long successes, long trials) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentStatistics.ProbabilityBest([(1, 10), (successes, trials)]));

    [Theory]
    // mpmath: the upper regularized gamma Q((k − 1)/2, χ²/2).
    [InlineData(new long[] { 101_000, 99_000 }, new double[] { 1, 1 }, 7.7442164310440836e-6)]
    [InlineData(new long[] { 1013, 987 }, new double[] { 1, 1 }, 0.56098594098547116)]
    [InlineData(new long[] { 5120, 2440, 2440 }, new double[] { 2, 1, 1 }, 0.056134762834133721)]
    [InlineData(new long[] { 5120, 2440, 2440 }, new double[] { 0.5, 0.25, 0.25 }, 0.056134762834133721)]
    [InlineData(new long[] { 100_000, 100_000 }, new double[] { 1, 1 }, 1.0)]
    [InlineData(new long[] { 30_000, 10_000 }, new double[] { 3, 1 }, 1.0)]
    [InlineData(new long[] { 500 }, new double[] { 1 }, 1.0)]
    [InlineData(new long[] { 0, 0 }, new double[] { 1, 1 }, 1.0)]
    public void Sample_ratio_p_values_match_mpmath(long[] observed, double[] weights, double expected) =>
        Assert.Equal(expected, ExperimentStatistics.SampleRatioPValue(observed, weights), expected * 1e-9);

    [Fact]
    public void A_grossly_uneven_split_has_a_p_value_that_rounds_to_zero() =>
        Assert.Equal(0, ExperimentStatistics.SampleRatioPValue([60_000, 40_000], [1, 1]), 1e-300);

    [Theory]
    [InlineData(new long[] { -1, 10 }, new double[] { 1, 1 })]
    [InlineData(new long[] { 10, 10 }, new double[] { 1, 0 })]
    [InlineData(new long[] { 10, 10 }, new double[] { 1, -1 })]
    [InlineData(new long[] { 10, 10 }, new double[] { 1, double.NaN })]
    [InlineData(new long[] { 10, 10 }, new double[] { 1, double.PositiveInfinity })]
    public void Sample_ratio_refuses_negative_counts_and_weights_that_are_not_positive(long[] observed, double[] weights) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentStatistics.SampleRatioPValue(observed, weights));

    [Fact]
    public void Sample_ratio_needs_a_weight_for_each_count() =>
        Assert.Throws<ArgumentException>(() => ExperimentStatistics.SampleRatioPValue([10, 10], [1]));

    [Theory]
    // mpmath, the pooled formula unrounded: 8157.7314478492733. Tables built on the unpooled formula
    // ((z₁₋α/₂ + z_power)²·(p₁q₁ + p₂q₂)/δ²) say 8,155 (mpmath: 8154.986), so the pooled one asks a little more.
    [InlineData(0.05, 0.2, 0.05, 0.8, 8158)]
    // R's power.prop.test documents this case (p1 .50, p2 .75, power .90) and solves the same equation; mpmath: 76.706928451777447.
    [InlineData(0.5, 0.5, 0.05, 0.9, 77)]
    // mpmath: 25582.634401273445 (a drop of 10 %), 80681.380282408252.
    [InlineData(0.1, -0.1, 0.01, 0.9, 25583)]
    [InlineData(0.02, 0.1, 0.05, 0.8, 80682)]
    public void Sample_size_matches_the_pooled_two_proportion_formula(double baseline, double lift, double alpha, double power, long expected) =>
        Assert.Equal(expected, ExperimentStatistics.SampleSizePerVariant(baseline, lift, alpha, power));

    [Theory]
    [InlineData(0.0, 0.2, 0.05, 0.8)]
    [InlineData(1.0, 0.2, 0.05, 0.8)]
    [InlineData(double.NaN, 0.2, 0.05, 0.8)]
    [InlineData(0.05, 0.0, 0.05, 0.8)]
    [InlineData(0.6, 1.0, 0.05, 0.8)]
    [InlineData(0.05, -1.0, 0.05, 0.8)]
    [InlineData(0.05, double.NaN, 0.05, 0.8)]
    [InlineData(0.05, 1e-12, 0.05, 0.8)]
    [InlineData(0.05, 0.2, 0.0, 0.8)]
    [InlineData(0.05, 0.2, 1.0, 0.8)]
    [InlineData(0.05, 0.2, 0.05, 0.4)]
    [InlineData(0.05, 0.2, 0.05, 1.0)]
    public void Sample_size_refuses_rates_lifts_and_levels_out_of_range(double baseline, double lift, double alpha, double power) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentStatistics.SampleSizePerVariant(baseline, lift, alpha, power));

    // Evan Miller's closed form for P(B beats A), "Formulas for Bayesian A/B testing": the sum over i < α_B of
    // B(α_A + i, β_A + β_B) / ((β_B + i)·B(1 + i, β_B)·B(α_A, β_A)), in logarithms, each term from the last by the ratio
    // (α_A + i)(β_B + i) / ((α_A + β_A + β_B + i)(1 + i)).
    private static double EvanMiller(long successesA, long trialsA, long successesB, long trialsB)
    {
        double alphaA = 1 + successesA, betaA = 1 + trialsA - successesA, alphaB = 1 + successesB, betaB = 1 + trialsB - successesB;
        var logTerms = new double[(int)alphaB];
        logTerms[0] = SpecialFunctions.BetaLn(alphaA, betaA + betaB) - SpecialFunctions.BetaLn(alphaA, betaA);
        for (var i = 1; i < logTerms.Length; i++)
        {
            double previous = i - 1;
            logTerms[i] = logTerms[i - 1] + Math.Log((alphaA + previous) * (betaB + previous) / ((alphaA + betaA + betaB + previous) * (1 + previous)));
        }
        var largest = logTerms.Max();
        return Math.Exp(largest) * logTerms.Sum(t => Math.Exp(t - largest));
    }
}
