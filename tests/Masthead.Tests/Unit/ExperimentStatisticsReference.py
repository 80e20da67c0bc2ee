"""The reference values of ExperimentStatisticsTests, computed with mpmath 1.3.0 alone (no MathNet, no scipy).

    python3 tests/Masthead.Tests/Unit/ExperimentStatisticsReference.py          # all but the slow cases
    python3 tests/Masthead.Tests/Unit/ExperimentStatisticsReference.py --slow   # also counts in the millions (about an hour)
"""
import sys

import mpmath as mp

mp.mp.dps = 30


def z(two_sided_confidence):
    """The standard normal quantile at 1 - (1 - c)/2, through erfinv."""
    return mp.sqrt(2) * mp.erfinv(mp.mpf(two_sided_confidence))


def wilson(s, n, conf="0.95"):
    zz, p, n = z(conf), mp.mpf(s) / n, mp.mpf(n)
    centre = (p + zz**2 / (2 * n)) / (1 + zz**2 / n)
    half = zz / (1 + zz**2 / n) * mp.sqrt(p * (1 - p) / n + zz**2 / (4 * n**2))
    return centre - half, centre + half


def mean(values, conf="0.95"):
    n = len(values)
    m = mp.fsum(values) / n
    sd = mp.sqrt(mp.fsum((v - m) ** 2 for v in values) / (n - 1))
    return n, sum(values), sum(v * v for v in values), m, m - z(conf) * sd / mp.sqrt(n), m + z(conf) * sd / mp.sqrt(n)


def probability_best(variants):
    """mpmath.quad (tanh-sinh) of betapdf(i) * prod betacdf(j), with the CDFs from mpmath.betainc, or, where
    betainc's hypergeometric series does not converge (a + b >= 2e4), from the binomial sum
    I_x(a, b) = 1 - sum_{k < a} C(a + b - 1, k) x^k (1 - x)^(a + b - 1 - k) when a is small, else from a nested
    mpmath.quad of the density."""
    posteriors = [(mp.mpf(1 + s), mp.mpf(1 + n - s)) for s, n in variants]

    def moments(a, b):
        return a / (a + b), mp.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))

    def pdf(j, x):
        a, b = posteriors[j]
        return mp.exp(mp.loggamma(a + b) - mp.loggamma(a) - mp.loggamma(b) + (a - 1) * mp.log(x) + (b - 1) * mp.log1p(-x))

    def cdf(j, x):
        a, b = posteriors[j]
        if a + b < 2e4:
            return mp.betainc(a, b, 0, x, regularized=True)
        if a < 50:
            n = a + b - 1
            return 1 - mp.fsum(mp.binomial(n, k) * x**k * (1 - x) ** (n - k) for k in range(int(a)))
        m, sd = moments(a, b)
        low = max(mp.mpf(0), m - 50 * sd)
        return mp.mpf(0) if x <= low else mp.quad(lambda y: pdf(j, y), [low, x])

    result = []
    for i in range(len(posteriors)):
        m, sd = moments(*posteriors[i])
        points = [max(mp.mpf(0), m - 50 * sd), min(mp.mpf(1), m + 60 * sd)]
        points += [m + k * sd for k in (-8, -4, -2, 0, 2, 4, 8, 16, 32) if 0 < m + k * sd < 1]
        others = [j for j in range(len(posteriors)) if j != i]
        result.append(mp.quad(lambda x: pdf(i, x) * mp.fprod(cdf(j, x) for j in others), sorted(set(points))))
    return result


def evan_miller(a_variant, b_variant):
    """P(B beats A), Evan Miller's closed form: the sum over i < alpha_B of
    B(alpha_A + i, beta_A + beta_B) / ((beta_B + i) B(1 + i, beta_B) B(alpha_A, beta_A)), its terms by their ratio
    (alpha_A + i)(beta_B + i) / ((alpha_A + beta_A + beta_B + i)(1 + i))."""
    (sa, na), (sb, nb) = a_variant, b_variant
    alpha_a, beta_a, alpha_b, beta_b = 1 + sa, 1 + na - sa, 1 + sb, 1 + nb - sb
    term = mp.beta(alpha_a, beta_a + beta_b) / (beta_b * mp.beta(1, beta_b) * mp.beta(alpha_a, beta_a))
    total = mp.mpf(0)
    for i in range(alpha_b):
        total += term
        term *= mp.mpf(alpha_a + i) * (beta_b + i) / ((alpha_a + beta_a + beta_b + i) * (1 + i))
    return total


def sample_ratio_p(observed, weights):
    total, weight_total = sum(observed), mp.fsum(weights)
    chi2 = mp.fsum((o - total * w / weight_total) ** 2 / (total * w / weight_total) for o, w in zip(observed, weights))
    return mp.gammainc(mp.mpf(len(observed) - 1) / 2, chi2 / 2, mp.inf, regularized=True)


def sample_size(p1, lift, alpha="0.05", power="0.8"):
    """The pooled-variance formula of R's power.prop.test (strict = FALSE), unrounded."""
    p1 = mp.mpf(p1)
    p2 = p1 * (1 + mp.mpf(lift))
    pooled = (p1 + p2) / 2
    z_power = mp.sqrt(2) * mp.erfinv(2 * mp.mpf(power) - 1)
    root = z(1 - mp.mpf(alpha)) * mp.sqrt(2 * pooled * (1 - pooled)) + z_power * mp.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return root**2 / (p2 - p1) ** 2


def show(label, *values):
    print(label, ", ".join(mp.nstr(v, 17) for v in values))


for s, n, conf in [(81, 263, "0.95"), (15, 148, "0.95"), (0, 20, "0.95"), (1, 29, "0.95"), (263, 263, "0.95"),
                   (81, 263, "0.99"), (5_000_000, 10_000_000, "0.95")]:
    show(f"wilson {s}/{n} @{conf}:", *wilson(s, n, conf))
show("mean 10 showings (n, sum, sumsq, mean, low, high):", *mean([0] * 7 + [60, 120, 36]))
show("mean 1000 showings (n, sum, sumsq, mean, low, high):", *mean([0] * 950 + [60] * 40 + [120] * 10))
for variants in [[(10, 100), (15, 100)], [(30, 1000), (42, 1000), (35, 900)], [(0, 0), (3, 10)], [(20, 20), (19, 20)]]:
    show(f"best {variants}:", *probability_best(variants))
show("evan miller P(B > A), A 10/100, B 15/100:", evan_miller((10, 100), (15, 100)))
show("evan miller P(B > A), A 500000/10^7, B 501000/10^7:", evan_miller((500_000, 10**7), (501_000, 10**7)))
show("srm [101000, 99000] / [1, 1]:", sample_ratio_p([101_000, 99_000], [1, 1]))
show("srm [1013, 987] / [1, 1]:", sample_ratio_p([1013, 987], [1, 1]))
show("srm [5120, 2440, 2440] / [2, 1, 1]:", sample_ratio_p([5120, 2440, 2440], [2, 1, 1]))
for args in [("0.05", "0.2"), ("0.5", "0.5", "0.05", "0.9"), ("0.1", "-0.1", "0.01", "0.9"), ("0.02", "0.1")]:
    show(f"sample size {args}:", sample_size(*args))
show("best none, one and three of 10^7:", *probability_best([(0, 10**7), (1, 10**7), (3, 10**7)]))
if "--slow" in sys.argv:
    show("best 500000 and 501000 of 10^7:", *probability_best([(500_000, 10**7), (501_000, 10**7)]))
    show("best five near 5% of 10^7:", *probability_best(
        [(500_000, 10**7), (501_000, 10**7), (499_500, 10**7), (502_000, 10**7), (500_500, 10**7)]))
