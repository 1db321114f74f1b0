package org.uniconbench.harness.train;

import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.diffusion.Denoiser;
import org.uniconbench.baselines.features.FeatureExtractor;
import org.uniconbench.harness.experiment.EvaluationSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.verdict.Draws;

import java.util.ArrayList;
import java.util.List;

/**
 * The backbone's quality gate as a measurement that can be taken on any backbone weights, not only
 * on the frozen one: N unconditional samples (N = {@code evaluation.samples}, DDIM with
 * {@code evaluation.sampler_steps}), their FD-classifier against the evaluation targets averaged
 * over {@link #DRAWS} starting noises, and its multiple of the real-vs-real floor at the same N
 * (averaged over {@link #FLOOR_DRAWS} real sets). It is the computation of the run's
 * {@code backbone} row and {@code realVsReal} floor (the same evaluator window, classifier, real
 * sets and starting noise, the experiment's first seed), so the gate measured on the weights that
 * are then cached equals the run's final gate ({@code verdict.QualityGate}).
 *
 * <p>The starting noise comes from the evaluator's own seeded stream; sampling reads the model and
 * draws nothing from the training's random stream.
 */
public final class BackboneGate {

    /**
     * Starting noises the gate averages the backbone's FD-classifier over: the first seed's and the
     * next {@code DRAWS - 1} seeds' (N samples each; each draw costs one sampling). At N = 128 one
     * reading of the 40000-step U-Net backbone moved from 0.79 to 1.61 over 20 noises (`unicon gate`,
     * 2026-11-30), so a rule on one reading passes or fails a backbone near the bar by the draw.
     */
    public static final int DRAWS = 5;

    /**
     * Disjoint blocks of N held-out real images the floor averages over, each against the same
     * evaluation targets (features only, no sampling: each costs milliseconds). Real-vs-real
     * FD-classifier at N = 128 is heavy-tailed: 20 blocks of shapes gave 0.13 to 2.00 (mean 0.60,
     * median 0.40; `unicon gate --floor-draws 20`, 2026-11-30), and the one block the gate read before
     * (0.224) was the third lowest. The floor is the mean, the expected FD that sampling alone makes
     * at N, the same estimator as the backbone's side; 20 blocks put its standard error near a fifth.
     */
    public static final int FLOOR_DRAWS = 20;

    /**
     * Held-out real images a run needs for the floor's draws: {@code FLOOR_DRAWS x N} when the gate is
     * evaluated (N at least the gate's), else N.
     *
     * @param samples N, {@code evaluation.samples}
     * @return images of the held-out split the floor reads
     */
    public static int floorImages(int samples) {
        return samples >= EvaluationSpec.QUALITY_GATE_MIN_N ? FLOOR_DRAWS * samples : samples;
    }

    private final Evaluator evaluator;
    private final long seed;
    private final double floor;
    private final double allowed;

    /**
     * A gate; computes the floor now.
     *
     * @param evaluator the run's evaluator, its seed's window chosen ({@link Evaluator#forSeed})
     * @param classifier the feature classifier's features
     * @param random the random features (set beside the classifier's, as the run does)
     * @param reference the held-out real split whose first N images are the floor's second set
     * @param allowed how many times the floor the backbone may be ({@code evaluation.quality_gate_multiple})
     * @param seed the seed of the samples' starting noise
     */
    BackboneGate(Evaluator evaluator, FeatureExtractor classifier, FeatureExtractor random, ImageSet reference,
            double allowed, long seed) {
        this.evaluator = evaluator;
        this.seed = seed;
        this.allowed = allowed;
        evaluator.useFeatures(classifier, random);
        this.floor = new Draws(floorDraws(evaluator, reference)).mean();
    }

    /**
     * The gate a pre-training measures its curve with, or null when it measures none (no
     * {@code backbone.pretrain.gate_every}, or a configured checkpoint, which is not pre-trained).
     * It needs the feature classifier, so a run prepares the features before the backbone stage
     * ({@link FeatureStage} does not read the backbone).
     *
     * @param e the experiment
     * @param evaluator the run's evaluator, its seed's window chosen
     * @param features the run's feature extractors
     * @param reference the held-out real split
     * @return the gate, or null
     */
    public static BackboneGate of(Experiment e, Evaluator evaluator, FeatureStage.Extractors features,
            ImageSet reference) {
        if (!e.backbone().pretrain().gateCurve() || e.backbone().checkpoint() != null) {
            return null;
        }
        return new BackboneGate(evaluator, features.classifier(), features.random(), reference,
                e.evaluation().qualityGateMultiple(), e.seeds().get(0));
    }

    /**
     * The real-vs-real floor's proxies: the evaluation targets against the first N images of the
     * held-out reference split. Call after {@link Evaluator#useFeatures}.
     *
     * @param evaluator the evaluator, with its features
     * @param reference the held-out real split
     * @return the proxies of two disjoint real sets of the same N
     */
    public static Evaluator.Quality realVsReal(Evaluator evaluator, ImageSet reference) {
        return evaluator.quality(reference.images().subList(0, evaluator.count()));
    }

    /**
     * The floor's draws: the FD-classifier of the evaluation targets against each of the first
     * {@link #FLOOR_DRAWS} blocks of N images of the held-out split ({@link #realVsReal}'s is the first),
     * as many as the split holds, at least one. Call after {@link Evaluator#useFeatures}.
     *
     * @param evaluator the evaluator, with its features
     * @param reference the held-out real split
     * @return the draws, the first block's first
     */
    public static List<Double> floorDraws(Evaluator evaluator, ImageSet reference) {
        return floorDraws(evaluator, reference, FLOOR_DRAWS);
    }

    /** {@link #floorDraws(Evaluator, ImageSet)} with up to {@code count} draws. */
    static List<Double> floorDraws(Evaluator evaluator, ImageSet reference, int count) {
        int n = evaluator.count();
        List<Double> draws = new ArrayList<>(List.of(realVsReal(evaluator, reference).fdClassifier()));
        for (int k = 1; k < count && (k + 1) * n <= reference.size() && n >= EvaluationSpec.QUALITY_GATE_MIN_N; k++) {
            draws.add(evaluator.quality(reference.images().subList(k * n, (k + 1) * n)).fdClassifier());
        }
        return draws;
    }

    /**
     * The FD-classifier of {@code model}'s samples from each of the {@link #DRAWS} starting noises of
     * {@code seed}, {@code seed + 1}, ..., the first already measured (the {@code backbone} row's). The
     * evaluator's features must be set. Below the gate's N the gate is not evaluated and nothing more
     * is sampled.
     *
     * @param evaluator the run's evaluator, its features set
     * @param model the backbone
     * @param seed the first seed (the row's noise)
     * @param first the row's FD-classifier, from the noise of {@code seed}
     * @return the draws, {@code first} first; only {@code first} below the gate's N
     */
    public static List<Double> draws(Evaluator evaluator, Denoiser model, long seed, double first) {
        List<Double> draws = new ArrayList<>(List.of(first));
        if (evaluator.count() < EvaluationSpec.QUALITY_GATE_MIN_N) {
            return draws;
        }
        for (int r = 1; r < DRAWS; r++) {
            draws.add(evaluator.quality(evaluator.sample(model, seed + r)).fdClassifier());
        }
        return draws;
    }

    /**
     * One reading of the gate.
     *
     * @param fdClassifier the samples' FD-classifier (the mean over the draws)
     * @param floor the real-vs-real FD-classifier at the same N
     * @param multiple {@code fdClassifier / floor}
     * @param allowed the multiple the gate allows
     * @param passed {@code fdClassifier <= allowed x floor}
     * @param draws the FD-classifier per starting noise behind {@code fdClassifier}, the first seed's first
     */
    public record Reading(double fdClassifier, double floor, double multiple, double allowed, boolean passed,
            List<Double> draws) {
        /** Copies the draws. */
        public Reading {
            draws = List.copyOf(draws);
        }
    }

    /**
     * Samples {@code model} from the {@link #DRAWS} starting noises and reads the gate on the mean
     * FD-classifier, as the run's final gate does.
     *
     * @param model the backbone weights to judge (not changed)
     * @return the reading
     */
    Reading measure(Denoiser model) {
        double first = measure(model, seed).fdClassifier();
        List<Double> draws = draws(evaluator, model, seed, first);
        double fd = new Draws(draws).mean();
        return new Reading(fd, floor, fd / floor, allowed, fd <= allowed * floor, draws);
    }

    /**
     * Samples {@code model} from the starting noise of {@code noiseSeed} alone and reads the gate on
     * that one draw ({@code unicon gate} prints these one by one).
     *
     * @param model the backbone weights to judge (not changed)
     * @param noiseSeed the seed of the samples' starting noise
     * @return the reading
     */
    Reading measure(Denoiser model, long noiseSeed) {
        double fd = evaluator.quality(evaluator.sample(model, noiseSeed)).fdClassifier();
        return new Reading(fd, floor, fd / floor, allowed, fd <= allowed * floor, List.of(fd));
    }

    /** The real-vs-real FD-classifier the gate compares with: the mean of {@link #floorDraws}. */
    double floor() {
        return floor;
    }
}
