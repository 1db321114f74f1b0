package org.uniconbench.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.uniconbench.metrics.FrechetDistance;

/**
 * Frechet distance between two sets of 256 x 64 features (statistics and matrix square root
 * included); compare with pytorch-fid's NumPy / {@code scipy.linalg.sqrtm} formula in
 * benchmarks/python/time_reference.py.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class FrechetDistanceBenchmark {

    private float[][] a;
    private float[][] b;
    private double last = Double.NaN;

    /** Draws two Gaussian feature sets, the second shifted. */
    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(3);
        a = new float[256][64];
        b = new float[256][64];
        for (int i = 0; i < 256; i++) {
            for (int j = 0; j < 64; j++) {
                a[i][j] = (float) r.nextGaussian();
                b[i][j] = (float) (r.nextGaussian() * 1.1 + 0.1);
            }
        }
    }

    /**
     * Computes the distance.
     *
     * @return the squared distance
     */
    @Benchmark
    public double frechet256x64() {
        last = FrechetDistance.compute(a, b).value();
        return last;
    }

    /** Sanity check: a positive finite distance. */
    @TearDown(Level.Trial)
    public void check() {
        if (!Double.isNaN(last) && !(last > 0 && Double.isFinite(last))) {
            throw new IllegalStateException("implausible Frechet distance " + last);
        }
    }
}
