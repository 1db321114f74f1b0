package org.uniconbench.metrics;

/**
 * Student's t distribution: its distribution function and quantiles, for confidence intervals over
 * a handful of seeds.
 *
 * <p>The distribution function uses the regularised incomplete beta function,
 * {@code P(T <= t) = 1 - I_x(df/2, 1/2) / 2} with {@code x = df / (df + t^2)} for {@code t >= 0}
 * (Abramowitz and Stegun 26.7.1 with 26.5.27), evaluated by Lentz's continued fraction (Numerical
 * Recipes, 3rd ed., section 6.4). The quantile inverts it by bisection to full double precision, so
 * it is exact up to rounding for every positive (also fractional) number of degrees of freedom.
 */
public final class StudentT {

    private StudentT() {
    }

    /**
     * Returns {@code P(T <= t)} for Student's t with {@code df} degrees of freedom.
     *
     * @param t any finite value
     * @param df degrees of freedom, positive
     * @return the probability
     */
    public static double cdf(double t, double df) {
        checkDf(df);
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("t must be a number, found NaN");
        }
        if (t == Double.POSITIVE_INFINITY) {
            return 1;
        }
        if (t == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /**
     * Returns the {@code p}-quantile: the t with {@code P(T <= t) = p}, e.g. {@code quantile(0.975, 4)
     * = 2.776}.
     *
     * @param p probability in (0, 1)
     * @param df degrees of freedom, positive
     * @return the quantile
     */
    public static double quantile(double p, double df) {
        checkDf(df);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must lie strictly between 0 and 1, found " + p);
        }
        if (p == 0.5) {
            return 0;
        }
        if (p < 0.5) {
            return -quantile(1 - p, df);
        }
        double low = 0;
        double high = 1;
        while (cdf(high, df) < p) {
            low = high;
            high *= 2;
        }
        for (int i = 0; i < 200 && high - low > 1e-15 * Math.max(1, high); i++) {
            double mid = 0.5 * (low + high);
            if (cdf(mid, df) < p) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return 0.5 * (low + high);
    }

    /** {@code I_x(a, b)}, the regularised incomplete beta function, for x in [0, 1]. */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
        // the continued fraction converges fast for x < (a + 1) / (a + b + 2); use symmetry otherwise
        if (x < (a + 1) / (a + b + 2)) {
            return Math.exp(logFront) * continuedFraction(x, a, b) / a;
        }
        return 1 - Math.exp(logFront) * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < 1e-16) {
                return h;
            }
        }
        return h;
    }

    private static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** ln Gamma(x) for x > 0, Lanczos approximation (g = 7, n = 9), about 15 significant digits. */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        final double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        double xm = x - 1;
        double sum = c[0];
        for (int i = 1; i < c.length; i++) {
            sum += c[i] / (xm + i);
        }
        double t = xm + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (xm + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    private static void checkDf(double df) {
        if (!(df > 0) || Double.isInfinite(df)) {
            throw new IllegalArgumentException("degrees of freedom must be positive and finite, found " + df);
        }
    }
}
