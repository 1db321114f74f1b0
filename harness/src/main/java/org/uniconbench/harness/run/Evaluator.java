package org.uniconbench.harness.run;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.diffusion.DdimSampler;
import org.uniconbench.baselines.diffusion.Denoiser;
import org.uniconbench.harness.experiment.ConditionKind;
import org.uniconbench.metrics.CannyEdges;
import org.uniconbench.metrics.EdgeF1;
import org.uniconbench.metrics.GrayImage;
import org.uniconbench.metrics.Psnr;
import org.uniconbench.metrics.Ssim;
import org.uniconbench.metrics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples the evaluation conditions with DDIM from the same starting noise for every model, and
 * scores the samples: SSIM and PSNR against the target (data range 1), edge F1 between the
 * sample's Canny edges and the target's (for a Canny condition: the condition itself).
 */
final class Evaluator {

    private static final int BATCH = 16;

    private final ImageSet eval;
    private final int count;
    private final DdimSampler sampler;
    private final CannyEdges edges;
    private final boolean conditionIsEdges;
    private final Device device;

    /**
     * Scores of one model, averaged over the samples.
     *
     * @param ssim mean SSIM to the target
     * @param psnr mean PSNR to the target, dB
     * @param edgeF1 mean pixelwise edge F1
     */
    record Scores(double ssim, double psnr, double edgeF1) {
    }

    Evaluator(ImageSet eval, int count, DdimSampler sampler, CannyEdges edges, ConditionKind condition,
            Device device) {
        this.eval = eval;
        this.count = count;
        this.sampler = sampler;
        this.edges = edges;
        this.conditionIsEdges = condition == ConditionKind.CANNY;
        this.device = device;
    }

    /** Number of evaluation samples. */
    int count() {
        return count;
    }

    /** The target images. */
    List<GrayImage> targets() {
        return eval.images().subList(0, count);
    }

    /** The condition images. */
    List<GrayImage> conditions() {
        return eval.conditions().subList(0, count);
    }

    /**
     * Samples one image per evaluation condition; the starting noise depends only on the seed, so
     * every model of a seed starts from the same noise.
     */
    List<GrayImage> sample(Denoiser model, long seed) {
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
                indices[i] = from + i;
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
    Scores score(List<GrayImage> samples) {
        double[] ssim = new double[samples.size()];
        double[] psnr = new double[samples.size()];
        double[] f1 = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            GrayImage target = eval.images().get(i);
            ssim[i] = Ssim.compute(samples.get(i), target, 1.0);
            psnr[i] = Math.min(Psnr.compute(target, samples.get(i), 1.0), 100.0);
            boolean[] truth = conditionIsEdges ? mask(eval.conditions().get(i)) : edges.detect(target);
            f1[i] = EdgeF1.compute(edges.detect(samples.get(i)), truth).f1();
        }
        return new Scores(Statistics.mean(ssim), Statistics.mean(psnr), Statistics.mean(f1));
    }

    private static boolean[] mask(GrayImage image) {
        boolean[] out = new boolean[image.pixels().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = image.pixels()[i] > 0.5f;
        }
        return out;
    }
}
