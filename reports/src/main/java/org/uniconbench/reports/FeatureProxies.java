package org.uniconbench.reports;

/**
 * Feature-space quality proxies of one set of generated (or real) images against the evaluation
 * targets: Frechet distance and KID on the features of a small classifier trained on the
 * dataset's labels and of fixed random convolutions. Proxies, not FID (no Inception network); every
 * figure depends on {@code featureN}, the number of images per set. Each field is {@code null} when
 * not measured (a failed arm, or a run from before these proxies existed).
 *
 * @param fdClassifier squared Frechet distance on classifier features (lower is better)
 * @param kidClassifier KID, mean unbiased MMD^2 over subsets, on classifier features
 * @param kidClassifierStd standard deviation of that MMD^2 over the subsets
 * @param fdRandom squared Frechet distance on random features
 * @param kidRandom KID on random features
 * @param kidRandomStd its standard deviation over the subsets
 * @param featureN images in each of the two compared sets
 */
public record FeatureProxies(
        Double fdClassifier,
        Double kidClassifier,
        Double kidClassifierStd,
        Double fdRandom,
        Double kidRandom,
        Double kidRandomStd,
        Integer featureN) {

    /** No proxy measured. */
    public static final FeatureProxies NONE = new FeatureProxies(null, null, null, null, null, null, null);

    /** Returns true when at least one figure was measured. */
    public boolean measured() {
        return fdClassifier != null || kidClassifier != null || fdRandom != null || kidRandom != null;
    }
}
