package org.uniconbench.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.uniconbench.metrics.GrayImage;
import org.uniconbench.metrics.Ssim;

/**
 * SSIM (data range 1) of 256 image pairs per invocation; compare with scikit-image's
 * {@code structural_similarity} in benchmarks/python/time_reference.py.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SsimBenchmark {

    /** Image side in pixels. */
    @Param({"28", "32", "64", "256"})
    public int size;

    private GrayImage[] targets;
    private GrayImage[] generated;
    private double last;

    /** Builds the batch once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        GrayImage[][] pairs = BenchImages.pairs(size, 1);
        targets = pairs[0];
        generated = pairs[1];
    }

    /**
     * Scores the whole batch.
     *
     * @return the sum of the SSIM values, so that nothing is dead code
     */
    @Benchmark
    public double ssimBatch() {
        double sum = 0;
        for (int k = 0; k < targets.length; k++) {
            sum += Ssim.compute(targets[k], generated[k], 1.0);
        }
        last = sum;
        return sum;
    }

    /**
     * Baseline: touches each pair without scoring it, the cost of the loop itself.
     *
     * @return a sum of one pixel per image
     */
    @Benchmark
    public double baselineBatch() {
        double sum = 0;
        for (int k = 0; k < targets.length; k++) {
            sum += targets[k].pixels()[k % size] + generated[k].pixels()[0];
        }
        return sum;
    }

    /** Sanity check: the scored batch gave a plausible mean SSIM. */
    @TearDown(Level.Trial)
    public void check() {
        double mean = last / BenchImages.BATCH;
        if (last != 0 && !(mean > 0 && mean < 1)) {
            throw new IllegalStateException("implausible mean SSIM " + mean);
        }
    }
}
