package org.uniconbench.harness.train;

import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.diffusion.Denoiser;
import org.uniconbench.baselines.features.FeatureExtractor;
import org.uniconbench.harness.experiment.Experiment;

/**
 * The backbone's quality gate as a measurement that can be taken on any backbone weights, not only
 * on the frozen one: N unconditional samples (N = {@code evaluation.samples}, DDIM with
 * {@code evaluation.sampler_steps}), their FD-classifier against the evaluation targets, and its
 * multiple of the real-vs-real floor at the same N. It is the computation of the run's
 * {@code backbone} row and {@code realVsReal} floor (the same evaluator window, classifier, real
 * sets and starting noise, the experiment's first seed), so the gate measured on the weights that
 * are then cached equals the run's final gate ({@code verdict.QualityGate}).
 *
 * <p>The starting noise comes from the evaluator's own seeded stream; sampling reads the model and
 * draws nothing from the training's random stream.
 */
public final class BackboneGate {

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
        this.floor = realVsReal(evaluator, reference).fdClassifier();
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
     * One reading of the gate.
     *
     * @param fdClassifier the samples' FD-classifier
     * @param floor the real-vs-real FD-classifier at the same N
     * @param multiple {@code fdClassifier / floor}
     * @param allowed the multiple the gate allows
     * @param passed {@code fdClassifier <= allowed x floor}
     */
    public record Reading(double fdClassifier, double floor, double multiple, double allowed, boolean passed) {
    }

    /**
     * Samples {@code model} and reads the gate.
     *
     * @param model the backbone weights to judge (not changed)
     * @return the reading
     */
    Reading measure(Denoiser model) {
        return measure(model, seed);
    }

    /**
     * Samples {@code model} from the starting noise of {@code noiseSeed} and reads the gate: the
     * run's reading with the gate's own seed, another draw of the same measurement with another.
     *
     * @param model the backbone weights to judge (not changed)
     * @param noiseSeed the seed of the samples' starting noise
     * @return the reading
     */
    Reading measure(Denoiser model, long noiseSeed) {
        double fd = evaluator.quality(evaluator.sample(model, noiseSeed)).fdClassifier();
        return new Reading(fd, floor, fd / floor, allowed, fd <= allowed * floor);
    }

    /** The real-vs-real FD-classifier the gate compares with. */
    double floor() {
        return floor;
    }
}
