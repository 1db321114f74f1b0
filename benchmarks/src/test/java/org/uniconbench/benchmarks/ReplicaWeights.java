package org.uniconbench.benchmarks;

import ai.djl.ndarray.types.Shape;
import org.uniconbench.baselines.nn.ParameterSet;

/**
 * Deterministic weights and inputs that the PyTorch replica (benchmarks/python/replica_control.py,
 * {@code deterministic_values} and {@code deterministic_inputs}) computes the same way: every
 * parameter, zero layers included, is a function of its name, so both sides hold the same network
 * without exchanging a weight file.
 */
final class ReplicaWeights {

    private ReplicaWeights() {
    }

    /**
     * The values of one parameter: sines of a phase taken from the name's hash, scaled like a
     * default initialisation (GroupNorm scales near 1, biases and shifts small, weights about
     * 1/sqrt(fan-in)).
     *
     * @param name parameter name
     * @param shape its shape
     * @return row-major values
     */
    static float[] values(String name, Shape shape) {
        int size = (int) shape.size();
        double phase = Math.floorMod(name.hashCode(), 1000) / 1000.0 * 2 * Math.PI;
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            double angle = 1.7 * i + phase;
            double v;
            if (name.endsWith(".gamma")) {
                v = 1 + 0.2 * Math.sin(angle);
            } else if (name.endsWith(".beta") || name.endsWith(".bias") || shape.dimension() == 1) {
                v = 0.1 * Math.sin(angle);
            } else {
                v = Math.sin(angle) * Math.sqrt(3.0 / (size / shape.get(0)));
            }
            values[i] = (float) v;
        }
        return values;
    }

    /** Overwrites every parameter of the set with {@link #values}. */
    static void apply(ParameterSet parameters) {
        for (ParameterSet.Parameter p : parameters.all()) {
            parameters.set(p.name(), values(p.name(), p.array().getShape()));
        }
    }

    /** Noisy images {@code [n, 1, r, r]}: {@code sin(0.37 j)} over the flat index j. */
    static float[] noisy(int n, int resolution) {
        float[] v = new float[n * resolution * resolution];
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) Math.sin(0.37 * j);
        }
        return v;
    }

    /** Conditions {@code [n, 1, r, r]}: {@code ((7 j) mod 11) / 10}. */
    static float[] condition(int n, int resolution) {
        float[] v = new float[n * resolution * resolution];
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) ((j * 7L % 11) / 10.0);
        }
        return v;
    }

    /** Timesteps: 17 and 503 (the first n). */
    static float[] timesteps(int n) {
        return java.util.Arrays.copyOf(new float[] {17f, 503f}, n);
    }
}
