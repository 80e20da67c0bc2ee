using MathNet.Numerics.Integration;

namespace Masthead.Appeals.Experiments;

/// <summary>A Beta(A, B) posterior on a conversion rate, A and B at least 1.</summary>
internal readonly record struct BetaPosterior(double A, double B)
{
    public double Mean { get; } = A / (A + B);

    public double StandardDeviation { get; } = Math.Sqrt(A * B / ((A + B) * (A + B) * (A + B + 1)));

    private readonly double lnMean = Math.Log(A / (A + B));
    private readonly double lnOneMinusMean = Math.Log(B / (A + B));

    /// <summary>
    /// The density at x (given ln x and ln(1 − x)) up to a constant factor: relative to its value at the mean and over
    /// the standard deviation, so it stays near 1 at the peak whatever the counts, and no beta function of millions
    /// is needed (its logarithm would lose digits to cancellation). The factor cancels when the results are normalised.
    /// </summary>
    public double ScaledDensity(double lnX, double lnOneMinusX) =>
        Math.Exp((A - 1) * (lnX - lnMean) + (B - 1) * (lnOneMinusX - lnOneMinusMean)) / StandardDeviation;
}

/// <summary>
/// P(i best) = ∫ fᵢ(x) Πⱼ≠ᵢ Fⱼ(x) dx for every i in one sweep of Gauss–Legendre panels, carrying each Fⱼ along the
/// sweep, so no incomplete beta function is evaluated (with counts in the millions each would take thousands of
/// continued-fraction steps, and thousands of them are needed).
/// </summary>
internal static class PosteriorIntegration
{
    private const int Order = 10;

    // Panel edges at these multiples of each posterior's standard deviation either side of its mean: fine near the
    // mean, where the densities change fastest, coarse in the tails. Beyond 40 sd even an exponential-shaped posterior
    // (no successes in many trials) has less than e^-41 of its mass.
    private static readonly double[] Offsets = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30, 40];

    private static readonly GaussLegendreRule Rule = new(-1, 1, Order);
    private static readonly double[] Nodes = Rule.Abscissas;
    private static readonly double[] Weights = Rule.Weights;

    // Partial[n, m] = ∫ from −1 to node n of the Lagrange polynomial of node m: integrates the polynomial through a
    // panel's density values up to each of its nodes, which gives every Fⱼ at the nodes from the same densities.
    private static readonly double[,] Partial = PartialIntegrals();

    public static double[] ProbabilityBest(BetaPosterior[] posteriors)
    {
        var count = posteriors.Length;
        var edges = Edges(posteriors);
        var density = new double[count, Order];
        var panelStart = new double[count];
        var cdf = new double[count];
        var best = new double[count];
        for (var p = 0; p + 1 < edges.Length; p++)
        {
            var half = (edges[p + 1] - edges[p]) / 2;
            for (var n = 0; n < Order; n++)
            {
                // Clamped so that ln x and ln(1 − x) stay finite on panels that touch 0 or 1.
                var x = Math.Clamp(edges[p] + half * (Nodes[n] + 1), double.Epsilon, Math.BitDecrement(1.0));
                double lnX = Math.Log(x), lnOneMinusX = Math.Log(1 - x);
                for (var j = 0; j < count; j++)
                {
                    density[j, n] = posteriors[j].ScaledDensity(lnX, lnOneMinusX);
                }
            }
            for (var n = 0; n < Order; n++)
            {
                for (var j = 0; j < count; j++)
                {
                    var partial = 0.0;
                    for (var m = 0; m < Order; m++)
                    {
                        partial += Partial[n, m] * density[j, m];
                    }
                    cdf[j] = panelStart[j] + half * partial;
                }
                for (var i = 0; i < count; i++)
                {
                    var term = half * Weights[n] * density[i, n];
                    for (var j = 0; j < count; j++)
                    {
                        term *= j == i ? 1 : cdf[j];
                    }
                    best[i] += term;
                }
            }
            for (var j = 0; j < count; j++)
            {
                for (var n = 0; n < Order; n++)
                {
                    panelStart[j] += half * Weights[n] * density[j, n];
                }
            }
        }
        // Σᵢ fᵢ Πⱼ≠ᵢ Fⱼ is the derivative of Πⱼ Fⱼ, so the raw sums add up to the product of the unnormalised masses:
        // dividing by their total both normalises the densities and makes the results sum to 1.
        var total = best.Sum();
        return [.. best.Select(b => b / total)];
    }

    private static double[] Edges(BetaPosterior[] posteriors)
    {
        var edges = new SortedSet<double>();
        foreach (var posterior in posteriors)
        {
            foreach (var offset in Offsets)
            {
                edges.Add(Math.Clamp(posterior.Mean - offset * posterior.StandardDeviation, 0, 1));
                edges.Add(Math.Clamp(posterior.Mean + offset * posterior.StandardDeviation, 0, 1));
            }
        }
        return [.. edges];
    }

    private static double[,] PartialIntegrals()
    {
        var partial = new double[Order, Order];
        for (var n = 0; n < Order; n++)
        {
            // Exact: a Lagrange polynomial has degree Order − 1, and the rule integrates degree 2·Order − 1 exactly.
            var upTo = new GaussLegendreRule(-1, Nodes[n], Order);
            for (var m = 0; m < Order; m++)
            {
                for (var q = 0; q < Order; q++)
                {
                    var lagrange = 1.0;
                    for (var r = 0; r < Order; r++)
                    {
                        lagrange *= r == m ? 1 : (upTo.Abscissas[q] - Nodes[r]) / (Nodes[m] - Nodes[r]);
                    }
                    partial[n, m] += upTo.Weights[q] * lagrange;
                }
            }
        }
        return partial;
    }
}
