package org.uniconbench.harness.experiment;

/**
 * The {@code evaluation:} block: how samples are drawn for the metrics, and how the results over
 * seeds are read.
 *
 * @param samples      images sampled per arm and seed, 1..dataset eval_size
 *                     (default 16, lowered to eval_size when that is smaller; 128 in a claim experiment)
 * @param samplerSteps denoising steps of the sampler, 1..diffusion timesteps
 *                     (default 25, lowered to timesteps when that is smaller)
 * @param memoryPasses short training passes per arm, each in a fresh JVM, that measure peak memory
 *                     (default 2, 0..5; 0 keeps the rough in-process figure)
 * @param interval     intervals over seeds: {@code t} (at least 5 seeds; a claim experiment) or
 *                     {@code range}; default {@code t} with 5 or more seeds, else {@code range}
 * @param qualityGateMultiple the backbone passes its quality gate when its FD-classifier is at most
 *                     this many times the real-vs-real floor (default {@value #DEFAULT_QUALITY_GATE_MULTIPLE}, > 0)
 * @param curve        the control curve during training ({@link CurveSpec#OFF} when not asked for)
 * @param timingPasses rounds of interleaved timing passes per seed after every arm has trained
 *                     (default 0: off, 0..{@value #MAX_TIMING_PASSES}); each round times every arm of the
 *                     seed back to back in fresh JVMs, so the step-time ratio of a seed is measured at one time
 */
public record EvaluationSpec(int samples, int samplerSteps, int memoryPasses, IntervalChoice interval,
        double qualityGateMultiple, CurveSpec curve, int timingPasses) {

    /**
     * The evaluation block without timing passes.
     *
     * @param samples images sampled per arm and seed
     * @param samplerSteps denoising steps of the sampler
     * @param memoryPasses fresh-JVM memory passes
     * @param interval intervals over seeds
     * @param qualityGateMultiple the quality gate's multiple of the real-vs-real floor
     * @param curve the control curve
     */
    public EvaluationSpec(int samples, int samplerSteps, int memoryPasses, IntervalChoice interval,
            double qualityGateMultiple, CurveSpec curve) {
        this(samples, samplerSteps, memoryPasses, interval, qualityGateMultiple, curve, 0);
    }

    /**
     * The evaluation block without a control curve.
     *
     * @param samples images sampled per arm and seed
     * @param samplerSteps denoising steps of the sampler
     * @param memoryPasses fresh-JVM memory passes
     * @param interval intervals over seeds
     * @param qualityGateMultiple the quality gate's multiple of the real-vs-real floor
     */
    public EvaluationSpec(int samples, int samplerSteps, int memoryPasses, IntervalChoice interval,
            double qualityGateMultiple) {
        this(samples, samplerSteps, memoryPasses, interval, qualityGateMultiple, CurveSpec.OFF);
    }

    /** Rejects a null curve (write {@link CurveSpec#OFF}). */
    public EvaluationSpec {
        java.util.Objects.requireNonNull(curve, "curve");
    }

    /**
     * The same block with this control curve.
     *
     * @param chosen the curve settings
     * @return the block
     */
    public EvaluationSpec withCurve(CurveSpec chosen) {
        return new EvaluationSpec(samples, samplerSteps, memoryPasses, interval, qualityGateMultiple, chosen,
                timingPasses);
    }

    /**
     * The same block with this many rounds of timing passes per seed.
     *
     * @param rounds rounds per seed, 0 for none
     * @return the block
     */
    public EvaluationSpec withTimingPasses(int rounds) {
        return new EvaluationSpec(samples, samplerSteps, memoryPasses, interval, qualityGateMultiple, curve, rounds);
    }

    /** The most rounds of timing passes per seed a file may ask for. */
    public static final int MAX_TIMING_PASSES = 20;

    /** Default number of fresh-process memory passes per arm and seed. */
    public static final int DEFAULT_MEMORY_PASSES = 2;

    /** Default quality-gate multiple of the real-vs-real floor. */
    public static final double DEFAULT_QUALITY_GATE_MULTIPLE = 3.0;

    /**
     * Images per set the backbone's quality gate needs (below it the FD is too biased to gate): the
     * least {@code samples} of a run with a gate curve ({@code backbone.pretrain.gate_every}).
     */
    public static final int QUALITY_GATE_MIN_N = 128;

    /** Evaluation samples a claim experiment defaults to (the quality gate's N). */
    public static final int CLAIM_SAMPLES = 128;

    /**
     * The evaluation block with range intervals and the default gate.
     *
     * @param samples images sampled per arm and seed
     * @param samplerSteps denoising steps of the sampler
     * @param memoryPasses fresh-JVM memory passes
     */
    public EvaluationSpec(int samples, int samplerSteps, int memoryPasses) {
        this(samples, samplerSteps, memoryPasses, IntervalChoice.RANGE, DEFAULT_QUALITY_GATE_MULTIPLE);
    }

    /**
     * The evaluation block with the default memory passes, range intervals and the default gate.
     *
     * @param samples images sampled per arm and seed
     * @param samplerSteps denoising steps of the sampler
     */
    public EvaluationSpec(int samples, int samplerSteps) {
        this(samples, samplerSteps, DEFAULT_MEMORY_PASSES);
    }
}
