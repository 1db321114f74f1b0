package org.uniconbench.metrics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Mean vector and covariance matrix of a set of feature vectors, the Gaussian summary that the
 * {@link FrechetDistance} compares.
 *
 * <p>Features are an N x D matrix, one row per image. The mean is the column mean; the covariance
 * is the unbiased sample covariance with divisor N - 1, as {@code np.cov(features, rowvar=False)}
 * in pytorch-fid and the original TTUR code of Heusel et al. 2017. Computed in double after
 * centring (so large offsets do not cancel catastrophically), with EJML's {@code multInner}.
 *
 * @param count number of feature vectors N, at least 2
 * @param mean column means, length D
 * @param covariance sample covariance, row-major D x D, symmetric
 */
public record FeatureStatistics(int count, double[] mean, double[] covariance) {

    /**
     * Checks the shapes once, at construction.
     *
     * @param count number of feature vectors, at least 2
     * @param mean column means, length D at least 1
     * @param covariance row-major D x D
     */
    public FeatureStatistics {
        if (count < 2) {
            throw new IllegalArgumentException(
                    "Feature statistics need at least 2 feature vectors, found " + count);
        }
        if (mean == null || mean.length == 0) {
            throw new IllegalArgumentException("Feature mean must have at least one dimension");
        }
        if (covariance == null || covariance.length != mean.length * mean.length) {
            throw new IllegalArgumentException("Feature covariance must be D x D = " + mean.length + "x"
                    + mean.length + ", found " + (covariance == null ? "null" : covariance.length + " values"));
        }
    }

    /**
     * Summarises single-precision features.
     *
     * @param features N x D, N at least 2, every row of the same length D at least 1, no NaN
     * @return mean and covariance
     */
    public static FeatureStatistics of(float[][] features) {
        int[] shape = shape(features == null ? null : features.length,
                features == null || features.length == 0 ? 0 : rowLength(features[0]), "features");
        DMatrixRMaj x = new DMatrixRMaj(shape[0], shape[1]);
        for (int i = 0; i < shape[0]; i++) {
            float[] row = features[i];
            checkRow(row == null ? -1 : row.length, shape[1], i);
            for (int j = 0; j < shape[1]; j++) {
                x.data[i * shape[1] + j] = row[j];
            }
        }
        return of(x);
    }

    /**
     * Summarises double-precision features.
     *
     * @param features N x D, N at least 2, every row of the same length D at least 1, no NaN
     * @return mean and covariance
     */
    public static FeatureStatistics of(double[][] features) {
        int[] shape = shape(features == null ? null : features.length,
                features == null || features.length == 0 ? 0 : rowLength(features[0]), "features");
        DMatrixRMaj x = new DMatrixRMaj(shape[0], shape[1]);
        for (int i = 0; i < shape[0]; i++) {
            double[] row = features[i];
            checkRow(row == null ? -1 : row.length, shape[1], i);
            System.arraycopy(row, 0, x.data, i * shape[1], shape[1]);
        }
        return of(x);
    }

    /**
     * Returns the feature dimension D.
     *
     * @return D
     */
    public int dimension() {
        return mean.length;
    }

    /**
     * Returns one covariance entry.
     *
     * @param i row, 0 to D-1
     * @param j column, 0 to D-1
     * @return the covariance of features i and j
     */
    public double covariance(int i, int j) {
        return covariance[i * mean.length + j];
    }

    /** Mean and covariance of the rows of x (consumed: it is centred in place). */
    private static FeatureStatistics of(DMatrixRMaj x) {
        int n = x.numRows;
        int d = x.numCols;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x.data[i * d + j];
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("Features contain NaN at row " + i + ", column " + j);
                }
                mean[j] += v;
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x.data[i * d + j] -= mean[j];
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multInner(x, cov);
        CommonOps_DDRM.scale(1.0 / (n - 1), cov);
        return new FeatureStatistics(n, mean, cov.data);
    }

    private static int rowLength(Object row) {
        return row instanceof float[] f ? f.length : row instanceof double[] dd ? dd.length : -1;
    }

    private static int[] shape(Integer rows, int cols, String what) {
        if (rows == null || rows < 2) {
            throw new IllegalArgumentException("Feature statistics need at least 2 feature vectors (rows of "
                    + what + "), found " + (rows == null ? "null" : rows));
        }
        if (cols < 1) {
            throw new IllegalArgumentException(
                    "Feature vectors need at least one dimension, found row 0 of length " + cols);
        }
        return new int[] {rows, cols};
    }

    private static void checkRow(int length, int d, int i) {
        if (length != d) {
            throw new IllegalArgumentException("Feature rows must all have length " + d
                    + " (that of row 0), found " + length + " at row " + i);
        }
    }
}
