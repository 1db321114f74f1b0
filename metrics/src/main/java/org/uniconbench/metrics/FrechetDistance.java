package org.uniconbench.metrics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Frechet distance between two Gaussians fitted to feature sets, the formula of FID.
 *
 * <p>Reference: M. Heusel, H. Ramsauer, T. Unterthiner, B. Nessler and S. Hochreiter, "GANs trained
 * by a two time-scale update rule converge to a local Nash equilibrium", NeurIPS 2017,
 * arXiv:1706.08500; the distance itself is that of D. C. Dowson and B. V. Landau, J. Multivariate
 * Analysis 12(3), 1982:
 * {@code d^2 = ||mu1 - mu2||^2 + Tr(S1 + S2 - 2 sqrtm(S1 S2))}.
 *
 * <p>Not "FID": FID means Inception-v3 pool features; this class takes any features, and callers
 * name the result after their extractor ({@code FD-classifier}, {@code FD-random}). Every result
 * carries the two sample counts, because the estimate is biased and its value depends on N
 * (Chong and Forsyth, "Effectively unbiased FID and Inception Score and where to find them", CVPR
 * 2020).
 *
 * <p>The matrix square root. pytorch-fid computes {@code covmean = scipy.linalg.sqrtm(S1 @ S2)}
 * (a Schur method for a general matrix), retries with {@code eps = 1e-6} added to both diagonals
 * only when that result is not finite, and keeps the real part. Only the trace is needed, and
 * {@code Tr sqrtm(S1 S2)} is the sum of the square roots of the eigenvalues of S1 S2, which equal
 * those of the symmetric positive semi-definite {@code M = S1^(1/2) S2 S1^(1/2)}. So this class
 * takes two symmetric eigendecompositions with EJML: S1 = V L V^T gives S1^(1/2) = V sqrt(L) V^T,
 * then the eigenvalues m_i of M give {@code Tr = sum sqrt(max(m_i, 0))}. Eigenvalues below zero are
 * rounding noise of a singular product; clamping them matches SciPy's real part (the square root of
 * a negative number is imaginary). This is defined for singular covariances (N <= D, constant
 * features) without any offset, so no eps is ever added; where pytorch-fid would add its eps, the
 * two can differ by about {@code eps * (Tr S1 + Tr S2)} plus the error of SciPy's sqrtm on a
 * singular matrix. The tests check the two against SciPy to 1e-6 relative (docs/metrics.md).
 *
 * @param value the squared Frechet distance d^2 (as reported by FID implementations), >= 0 up to
 *     rounding
 * @param countA number of feature vectors of the first set
 * @param countB number of feature vectors of the second set
 */
public record FrechetDistance(double value, int countA, int countB) {

    /**
     * Computes the Frechet distance between two feature sets.
     *
     * @param a first set, N1 x D (N1 >= 2)
     * @param b second set, N2 x D (N2 >= 2), same D
     * @return the distance with both counts
     */
    public static FrechetDistance compute(float[][] a, float[][] b) {
        return compute(FeatureStatistics.of(a), FeatureStatistics.of(b));
    }

    /**
     * Computes the Frechet distance between two Gaussian summaries.
     *
     * @param a statistics of the first set
     * @param b statistics of the second set, same dimension
     * @return the distance with both counts
     */
    public static FrechetDistance compute(FeatureStatistics a, FeatureStatistics b) {
        int d = a.dimension();
        if (b.dimension() != d) {
            throw new IllegalArgumentException("Frechet distance needs features of the same dimension, found "
                    + d + " and " + b.dimension());
        }
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = a.mean()[i] - b.mean()[i];
            meanTerm += diff * diff;
        }
        DMatrixRMaj s1 = DMatrixRMaj.wrap(d, d, a.covariance().clone());
        DMatrixRMaj s2 = DMatrixRMaj.wrap(d, d, b.covariance().clone());
        double traces = CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2);
        double value = meanTerm + traces - 2 * traceSqrtProduct(s1, s2);
        return new FrechetDistance(value, a.count(), b.count());
    }

    /**
     * Returns {@code Tr sqrtm(S1 S2)} for symmetric positive semi-definite S1, S2 (see the class
     * comment). The inputs are not modified.
     */
    static double traceSqrtProduct(DMatrixRMaj s1, DMatrixRMaj s2) {
        int d = s1.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig1 = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig1.decompose(s1.copy())) {
            throw new IllegalStateException("Eigendecomposition of the first covariance did not converge");
        }
        // root = V diag(sqrt(max(l, 0))) V^T
        DMatrixRMaj scaled = new DMatrixRMaj(d, d);
        DMatrixRMaj v = new DMatrixRMaj(d, d);
        for (int k = 0; k < d; k++) {
            double root = Math.sqrt(Math.max(eig1.getEigenvalue(k).real, 0));
            DMatrixRMaj vec = eig1.getEigenVector(k);
            for (int i = 0; i < d; i++) {
                v.data[i * d + k] = vec.data[i];
                scaled.data[i * d + k] = vec.data[i] * root;
            }
        }
        DMatrixRMaj root1 = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(scaled, v, root1);
        // M = root1 S2 root1, symmetrised against rounding
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(root1, s2, tmp);
        CommonOps_DDRM.mult(tmp, root1, m);
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double mean = 0.5 * (m.data[i * d + j] + m.data[j * d + i]);
                m.data[i * d + j] = mean;
                m.data[j * d + i] = mean;
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig2 = DecompositionFactory_DDRM.eig(d, false, true);
        if (!eig2.decompose(m)) {
            throw new IllegalStateException("Eigendecomposition of S1^(1/2) S2 S1^(1/2) did not converge");
        }
        double trace = 0;
        for (int k = 0; k < d; k++) {
            trace += Math.sqrt(Math.max(eig2.getEigenvalue(k).real, 0));
        }
        return trace;
    }
}
