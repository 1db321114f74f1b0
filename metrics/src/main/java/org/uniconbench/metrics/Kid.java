package org.uniconbench.metrics;

import java.util.SplittableRandom;

/**
 * Kernel distance between two feature sets: the unbiased squared maximum mean discrepancy with a
 * cubic polynomial kernel, averaged over random subsets, the formula of KID.
 *
 * <p>Reference: M. Binkowski, D. J. Sutherland, M. Arbel and A. Gretton, "Demystifying MMD GANs",
 * ICLR 2018, arXiv:1801.01401; the unbiased MMD^2 estimator is that of A. Gretton et al., "A kernel
 * two-sample test", JMLR 13, 2012. Conventions, those of torchmetrics'
 * {@code KernelInceptionDistance} with its defaults:
 * <ul>
 *   <li>kernel {@code k(x, y) = (x . y / D + 1)^3} (degree 3, gamma 1/D, coef 1);</li>
 *   <li>for each of {@code subsets} subsets (default 100), {@code m = subsetSize} rows (default
 *       1000) are drawn without replacement from each set independently, and
 *       {@code MMD^2 = (sum_{i!=j} k(x_i,x_j) + sum_{i!=j} k(y_i,y_j)) / (m (m-1))
 *       - 2 sum_{i,j} k(x_i,y_j) / m^2};</li>
 *   <li>the result is the mean over subsets and their population standard deviation
 *       ({@code std(unbiased=False)}).</li>
 * </ul>
 * Deviations: torchmetrics raises when {@code subsetSize} exceeds a set's size; here it is capped
 * at {@code min(N1, N2)} and the size used is recorded in the result. Subsets are drawn with a
 * {@link SplittableRandom} seeded by the caller (a partial Fisher-Yates shuffle per subset and
 * set), so results are deterministic for a seed but not the same subsets as torch's
 * {@code randperm}. With {@code subsetSize = min(N1, N2) = N1 = N2} every subset is the whole set
 * and the estimate does not depend on the seed (it is checked against a NumPy transcription of
 * torchmetrics' formula).
 *
 * <p>Not "KID": KID means Inception-v3 features; callers name the result after their extractor
 * ({@code KID-classifier}, {@code KID-random}). Every result carries the sample counts.
 *
 * @param mean mean MMD^2 over the subsets (can be slightly negative: the estimator is unbiased)
 * @param std population standard deviation of MMD^2 over the subsets
 * @param countA number of feature vectors of the first set
 * @param countB number of feature vectors of the second set
 * @param subsets number of subsets averaged
 * @param subsetSize rows per subset actually used (after capping)
 */
public record Kid(double mean, double std, int countA, int countB, int subsets, int subsetSize) {

    /** torchmetrics' default number of subsets. */
    public static final int DEFAULT_SUBSETS = 100;
    /** torchmetrics' default subset size (capped at the sample counts here). */
    public static final int DEFAULT_SUBSET_SIZE = 1000;

    /**
     * Computes KID with torchmetrics' defaults: 100 subsets of 1000 (capped at min(N1, N2)).
     *
     * @param a first set, N1 x D
     * @param b second set, N2 x D, same D
     * @param seed seed of the subset sampling
     * @return mean and standard deviation with counts
     */
    public static Kid compute(float[][] a, float[][] b, long seed) {
        return compute(a, b, DEFAULT_SUBSETS, DEFAULT_SUBSET_SIZE, seed);
    }

    /**
     * Computes KID.
     *
     * @param a first set, N1 x D, N1 >= 2
     * @param b second set, N2 x D, N2 >= 2, same D
     * @param subsets number of random subsets, at least 1
     * @param subsetSize rows per subset, at least 2; capped at min(N1, N2)
     * @param seed seed of the subset sampling
     * @return mean and standard deviation with counts
     */
    public static Kid compute(float[][] a, float[][] b, int subsets, int subsetSize, long seed) {
        int d = check(a, "a", -1);
        check(b, "b", d);
        if (subsets < 1) {
            throw new IllegalArgumentException("KID subsets must be >= 1, found " + subsets);
        }
        if (subsetSize < 2) {
            throw new IllegalArgumentException("KID subsetSize must be >= 2, found " + subsetSize);
        }
        int m = Math.min(subsetSize, Math.min(a.length, b.length));
        SplittableRandom random = new SplittableRandom(seed);
        int[] indexA = identity(a.length);
        int[] indexB = identity(b.length);
        float[][] x = new float[m][];
        float[][] y = new float[m][];
        double[] scores = new double[subsets];
        for (int s = 0; s < subsets; s++) {
            drawInto(a, indexA, x, random);
            drawInto(b, indexB, y, random);
            scores[s] = mmd2(x, y, d);
        }
        double mean = 0;
        for (double v : scores) {
            mean += v;
        }
        mean /= subsets;
        double ss = 0;
        for (double v : scores) {
            ss += (v - mean) * (v - mean);
        }
        return new Kid(mean, Math.sqrt(ss / subsets), a.length, b.length, subsets, m);
    }

    /** Unbiased MMD^2 of two sets of m rows with the cubic polynomial kernel. */
    static double mmd2(float[][] x, float[][] y, int d) {
        int m = x.length;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                xx += kernel(x[i], x[j], d);
                yy += kernel(y[i], y[j], d);
            }
            for (int j = 0; j < m; j++) {
                xy += kernel(x[i], y[j], d);
            }
        }
        // Off-diagonal sums of the symmetric kernel matrices are twice the upper triangles.
        return 2 * (xx + yy) / ((double) m * (m - 1)) - 2 * xy / ((double) m * m);
    }

    private static double kernel(float[] u, float[] v, int d) {
        double dot = 0;
        for (int k = 0; k < d; k++) {
            dot += (double) u[k] * v[k];
        }
        double t = dot / d + 1;
        return t * t * t;
    }

    /** Puts m rows drawn without replacement into out (partial Fisher-Yates over index). */
    private static void drawInto(float[][] rows, int[] index, float[][] out, SplittableRandom random) {
        for (int i = 0; i < out.length; i++) {
            int j = i + random.nextInt(index.length - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
            out[i] = rows[index[i]];
        }
    }

    private static int[] identity(int n) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        return index;
    }

    private static int check(float[][] rows, String name, int d) {
        if (rows == null || rows.length < 2) {
            throw new IllegalArgumentException("KID needs at least 2 feature vectors in set " + name
                    + ", found " + (rows == null ? "null" : rows.length));
        }
        int expected = d < 0 ? (rows[0] == null ? -1 : rows[0].length) : d;
        if (expected < 1) {
            throw new IllegalArgumentException("KID features need at least one dimension, found row 0 of "
                    + name + " with " + expected);
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != expected) {
                throw new IllegalArgumentException("KID feature rows must all have length " + expected
                        + ", found " + (rows[i] == null ? "null" : rows[i].length) + " at row " + i + " of set "
                        + name);
            }
        }
        return expected;
    }
}
