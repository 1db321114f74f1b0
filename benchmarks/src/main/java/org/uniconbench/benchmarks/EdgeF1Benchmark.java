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
import org.uniconbench.metrics.CannyEdges;
import org.uniconbench.metrics.EdgeF1;
import org.uniconbench.metrics.GrayImage;

/**
 * Edge F1 of 256 image pairs per invocation: Canny on both images (default settings), then the
 * pixelwise F1; compare with two scikit-image {@code canny} calls per pair in
 * benchmarks/python/time_reference.py.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class EdgeF1Benchmark {

    /** Image side in pixels. */
    @Param({"28", "32", "64", "256"})
    public int size;

    private final CannyEdges canny = CannyEdges.defaults();
    private GrayImage[] targets;
    private GrayImage[] generated;
    private double last = -1;

    /** Builds the batch once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        GrayImage[][] pairs = BenchImages.pairs(size, 2);
        targets = pairs[0];
        generated = pairs[1];
    }

    /**
     * Detects edges in both images of every pair and scores them.
     *
     * @return the sum of the F1 values
     */
    @Benchmark
    public double edgeF1Batch() {
        double sum = 0;
        for (int k = 0; k < targets.length; k++) {
            sum += EdgeF1.compute(canny.detect(generated[k]), canny.detect(targets[k])).f1();
        }
        last = sum;
        return sum;
    }

    /** Sanity check: F1 values lie in [0, 1] and some edges matched. */
    @TearDown(Level.Trial)
    public void check() {
        if (last != -1 && !(last > 0 && last <= BenchImages.BATCH)) {
            throw new IllegalStateException("implausible F1 sum " + last);
        }
    }
}
