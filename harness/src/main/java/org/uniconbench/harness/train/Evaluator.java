package org.uniconbench.harness.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.uniconbench.baselines.data.ConditionKind;
import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.data.ShapesDataset;
import org.uniconbench.baselines.features.FeatureExtractor;
import org.uniconbench.baselines.diffusion.DdimSampler;
import org.uniconbench.baselines.diffusion.Denoiser;
import org.uniconbench.metrics.CannyEdges;
import org.uniconbench.metrics.DepthRmse;
import org.uniconbench.metrics.GrayImage;
import org.uniconbench.metrics.ImageScorer;
import org.uniconbench.metrics.MaskIou;
import org.uniconbench.metrics.Statistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Samples the evaluation conditions with DDIM from the same starting noise for every model, and
 * scores the samples: SSIM and PSNR against the target (data range 1), edge F1 between the
 * sample's Canny edges and the target's (for a Canny condition: the condition itself), as
 * {@link ImageScorer#pair} defines them; for a mask
 * condition, the IoU of the sample's foreground (pixels above
 * {@link ShapesDataset#FOREGROUND_THRESHOLD}) with the exact mask; for a depth condition, the RMSE
 * (0-255) between the oracle depth of the sample ({@link ShapesDataset#oracleDepth}) and the
 * condition's depth map.
 *
 * <p>Quality proxies, not FID: Frechet distance and KID between features of the samples and of
 * the evaluation targets, for the trained classifier and for the random features. Pairs and sets
 * are scored by {@link ImageScorer}, as {@code unicon eval} scores folders. Every figure is stored
 * with its N.
 *
 * <p>Evaluation conditions differ per seed ({@link #forSeed}): seed s scores the window of
 * {@code samples} consecutive evaluation images starting at {@code (s x samples) mod eval_size}
 * (wrapping round), so with {@code dataset.eval_size >= samples x seeds} (a claim experiment's
 * default) seeds 0, 1, 2, ... are scored on disjoint sets and the interval over seeds includes
 * evaluation-set variance. Seed 0 scores the first {@code samples} images, as before windows existed;
 * with {@code eval_size == samples} every seed scores the same set.
 */
public final class Evaluator {

    private static final int BATCH = 16;

    private final ImageSet eval;
    private final int count;
    private final DdimSampler sampler;
    private final CannyEdges edges;
    private final boolean conditionIsEdges;
    private final ConditionKind condition;
    private final Device device;
    private FeatureExtractor classifier;
    private FeatureExtractor random;
    private float[][] targetClassifierFeatures;
    private float[][] targetRandomFeatures;
    private int offset;

    /**
     * Scores of one model, averaged over the samples.
     *
     * @param ssim mean SSIM to the target; null for images smaller than SSIM's window
     * @param psnr mean PSNR to the target, dB, each capped at {@link ImageScorer#PSNR_CAP}
     * @param edgeF1 mean pixelwise edge F1
     */
    public record Scores(Double ssim, double psnr, double edgeF1, Double maskIou, Double depthRmse) {

        /** Adds the scores to a summary row. */
        public void putInto(Map<String, Object> row) {
            row.put("ssim", ssim);
            row.put("psnr", psnr);
            row.put("edgeF1", edgeF1);
            row.put("maskIou", maskIou);
            row.put("depthRmse", depthRmse);
        }
    }

    /**
     * Feature-space proxies of one set of images against the evaluation targets.
     *
     * @param fdClassifier Frechet distance on classifier features
     * @param kidClassifier KID (mean MMD^2) on classifier features
     * @param kidClassifierStd its standard deviation over subsets
     * @param fdRandom Frechet distance on random features
     * @param kidRandom KID on random features
     * @param kidRandomStd its standard deviation over subsets
     * @param featureN images in each of the two sets
     * @param kidSubsetSize rows per KID subset
     */
    public record Quality(double fdClassifier, double kidClassifier, double kidClassifierStd, double fdRandom,
            double kidRandom, double kidRandomStd, int featureN, int kidSubsetSize) {

        /** The figures as summary fields, in the documented names. */
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fdClassifier", fdClassifier);
            m.put("kidClassifier", kidClassifier);
            m.put("kidClassifierStd", kidClassifierStd);
            m.put("fdRandom", fdRandom);
            m.put("kidRandom", kidRandom);
            m.put("kidRandomStd", kidRandomStd);
            m.put("featureN", featureN);
            m.put("kidSubsetSize", kidSubsetSize);
            return m;
        }
    }

    public Evaluator(ImageSet eval, int count, DdimSampler sampler, CannyEdges edges, ConditionKind condition,
            Device device) {
        this.eval = eval;
        this.count = count;
        this.sampler = sampler;
        this.edges = edges;
        this.conditionIsEdges = condition == ConditionKind.CANNY;
        this.condition = condition;
        this.device = device;
    }

    /**
     * A fixed evaluation set for the control curve ({@link ControlCurve}): the first {@code samples}
     * evaluation conditions, whatever the seed, sampled with {@code curveSampler}; scored like this one.
     *
     * @param samples images per evaluation, at most the evaluation set's size
     * @param curveSampler the sampler of the curve
     * @return a new evaluator (without the quality proxies)
     */
    Evaluator fixedSet(int samples, DdimSampler curveSampler) {
        return new Evaluator(eval, samples, curveSampler, edges, condition, device);
    }

    /**
     * Scores the evaluation window of this seed from now on (see the class comment); call before
     * {@link #useFeatures}.
     *
     * @param seed the arm's seed
     * @return this evaluator
     */
    public Evaluator forSeed(long seed) {
        if (classifier != null) {
            throw new IllegalStateException("choose the seed's window before useFeatures");
        }
        int size = eval.images().size();
        offset = (int) Math.floorMod(seed * (long) count, (long) size);
        return this;
    }

    /** The evaluation-set index of sample {@code i} of this seed's window. */
    private int index(int i) {
        return (offset + i) % eval.images().size();
    }

    private <T> List<T> window(List<T> all) {
        List<T> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(all.get(index(i)));
        }
        return out;
    }

    /**
     * Sets the feature extractors of the quality proxies and computes the targets' features once.
     *
     * @param classifierFeatures the trained classifier's features
     * @param randomFeatures the random convolutional features
     */
    public void useFeatures(FeatureExtractor classifierFeatures, FeatureExtractor randomFeatures) {
        this.classifier = classifierFeatures;
        this.random = randomFeatures;
        this.targetClassifierFeatures = classifierFeatures.features(targets());
        this.targetRandomFeatures = randomFeatures.features(targets());
    }

    /**
     * Frechet distance and KID of {@code images} against the evaluation targets, on both feature
     * spaces. {@code images} must hold as many images as there are targets.
     */
    public Quality quality(List<GrayImage> images) {
        if (classifier == null) {
            throw new IllegalStateException("call useFeatures first");
        }
        ImageScorer.Distance c = ImageScorer.distance(classifier.features(images), targetClassifierFeatures);
        ImageScorer.Distance r = ImageScorer.distance(random.features(images), targetRandomFeatures);
        return new Quality(c.fd(), c.kid(), c.kidStd(), r.fd(), r.kid(), r.kidStd(), c.n(), c.kidSubsetSize());
    }

    /** Number of evaluation samples. */
    public int count() {
        return count;
    }

    /** The target images. */
    public List<GrayImage> targets() {
        return window(eval.images());
    }

    /** The condition images. */
    public List<GrayImage> conditions() {
        return window(eval.conditions());
    }

    /**
     * Samples one image per evaluation condition; the starting noise depends only on the seed, so
     * every model of a seed starts from the same noise.
     */
    public List<GrayImage> sample(Denoiser model, long seed) {
        int r = eval.resolution();
        SplittableRandom random = new SplittableRandom(seed ^ 0x7e57_5eedL);
        List<GrayImage> out = new ArrayList<>(count);
        for (int from = 0; from < count; from += BATCH) {
            int n = Math.min(BATCH, count - from);
            float[] noise = new float[n * r * r];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) random.nextGaussian();
            }
            int[] indices = new int[n];
            for (int i = 0; i < n; i++) {
                indices[i] = index(from + i);
            }
            try (NDManager manager = NDManager.newBaseManager(device)) {
                NDArray conditions = eval.batch(manager, indices).conditions();
                NDArray x = sampler.sample(model, manager.create(noise, new Shape(n, 1, r, r)), conditions);
                float[] values = x.add(1).div(2).clip(0, 1).toFloatArray();
                for (int i = 0; i < n; i++) {
                    float[] pixels = new float[r * r];
                    System.arraycopy(values, i * r * r, pixels, 0, r * r);
                    out.add(new GrayImage(r, r, pixels));
                }
            }
        }
        return out;
    }

    /** Scores samples against the targets. */
    public Scores score(List<GrayImage> samples) {
        List<Double> ssim = new ArrayList<>();
        double[] psnr = new double[samples.size()];
        double[] f1 = new double[samples.size()];
        double[] iou = new double[samples.size()];
        double[] rmse = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            GrayImage target = eval.images().get(index(i));
            GrayImage given = eval.conditions().get(index(i));
            ImageScorer.Pair pair = ImageScorer.pair(samples.get(i), target, conditionIsEdges ? given : null, edges);
            if (pair.ssim() != null) {
                ssim.add(pair.ssim());
            }
            psnr[i] = Math.min(pair.psnr(), ImageScorer.PSNR_CAP);
            f1[i] = pair.edgeF1();
            if (condition == ConditionKind.MASK) {
                iou[i] = MaskIou.compute(ShapesDataset.foreground(samples.get(i)).above(0.5f), given.above(0.5f));
            } else if (condition == ConditionKind.DEPTH) {
                rmse[i] = DepthRmse.compute(ShapesDataset.oracleDepth(samples.get(i)), given);
            }
        }
        return new Scores(
                ssim.isEmpty() ? null : Statistics.mean(ssim.stream().mapToDouble(Double::doubleValue).toArray()),
                Statistics.mean(psnr), Statistics.mean(f1),
                condition == ConditionKind.MASK ? Statistics.mean(iou) : null,
                condition == ConditionKind.DEPTH ? Statistics.mean(rmse) : null);
    }

}
