package org.uniconbench.baselines.train;

import ai.djl.ndarray.NDArray;
import org.uniconbench.baselines.nn.Autograd;
import org.uniconbench.baselines.nn.ParameterSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exponential moving average of a model's weights, the weights a diffusion model is sampled from
 * (Ho et al. 2020; Nichol and Dhariwal 2021's ADM and Peebles and Xie 2023's DiT sample from an EMA
 * with decay 0.9999).
 *
 * <p>Starts as a copy of the weights; after the optimiser's update number {@code t} (counted from 1)
 * every shadow moves to {@code shadow = d_t shadow + (1 - d_t) weight} with
 * {@code d_t = min(decay, (1 + t) / (10 + t))}. The warm-up factor is TensorFlow's
 * {@code ExponentialMovingAverage(num_updates)} form: without it a decay of 0.9999 keeps
 * {@code 0.9999^8000 = 45%} of the random initialisation after an 8000-step pre-training; with it
 * the average reaches back over roughly the last tenth of the steps until {@code t} nears
 * {@code 9 / (1 - decay)} (90 000 steps at 0.9999), and uses the full decay from there on.
 *
 * <p>The shadows live on the parameters' manager (one extra copy of the weights); the optimiser
 * never sees them. Call {@link #update} after each optimiser step, {@link #copyTo} to put the
 * average into the model (for saving or sampling); {@link #shadows} and {@link #restore} carry it
 * through a checkpoint.
 */
public final class Ema implements AutoCloseable {

    private final double decay;
    private final Map<String, NDArray> shadows = new LinkedHashMap<>();
    private int updates;

    /**
     * Starts the average at the current weights.
     *
     * @param decay the decay once warmed up, in (0, 1)
     * @param parameters the weights to follow
     */
    public Ema(double decay, List<ParameterSet.Parameter> parameters) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), found " + decay);
        }
        this.decay = decay;
        Autograd.withoutGradient(() -> {
            for (ParameterSet.Parameter p : parameters) {
                NDArray copy = p.array().zerosLike(); // on the parameters' manager, no gradient
                copy.addi(p.array());
                shadows.put(p.name(), copy);
            }
            return null;
        });
    }

    /**
     * The decay applied at update {@code t}: {@code min(decay, (1 + t) / (10 + t))}.
     *
     * @param decay the configured decay
     * @param t the update, counted from 1
     * @return the factor the shadow is multiplied by
     */
    public static double decayAt(double decay, int t) {
        return Math.min(decay, (1.0 + t) / (10.0 + t));
    }

    /**
     * Moves every shadow towards its parameter's current value.
     *
     * @param parameters the same parameters the average was started with
     */
    public void update(List<ParameterSet.Parameter> parameters) {
        updates++;
        double d = decayAt(decay, updates);
        Autograd.withoutGradient(() -> {
            for (ParameterSet.Parameter p : parameters) {
                NDArray shadow = shadow(p);
                // shadow = d shadow + (1 - d) weight
                try (NDArray step = p.array().mul(1 - d)) {
                    shadow.muli(d).addi(step);
                }
            }
            return null;
        });
    }

    /** Updates taken so far. */
    public int updates() {
        return updates;
    }

    /**
     * A copy of the average, for a checkpoint.
     *
     * @return per parameter name, its shadow's values, row-major, in the order the average was started with
     */
    public Map<String, float[]> shadows() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        shadows.forEach((name, shadow) -> copy.put(name, shadow.toFloatArray()));
        return copy;
    }

    /**
     * Restores the average of a checkpoint, so that the next {@link #update} continues it exactly
     * (the warm-up's decay depends on the update count, so it is restored too).
     *
     * @param updates updates taken when the average was saved
     * @param saved per parameter name, its shadow's values (from {@link #shadows()}); exactly the
     *     parameters this average follows
     */
    public void restore(int updates, Map<String, float[]> saved) {
        if (updates < 0) {
            throw new IllegalArgumentException("EMA update count must be >= 0, found " + updates);
        }
        if (!saved.keySet().equals(shadows.keySet())) {
            throw new IllegalArgumentException("the saved average follows other parameters than this one ("
                    + saved.size() + " saved, " + shadows.size() + " followed)");
        }
        saved.forEach((name, values) -> {
            if (values.length != shadows.get(name).size()) {
                throw new IllegalArgumentException("the saved average of " + name + " has " + values.length
                        + " values, the parameter " + shadows.get(name).size());
            }
        });
        saved.forEach((name, values) -> shadows.get(name).set(values));
        this.updates = updates;
    }

    /**
     * Overwrites the parameters with the average (the training weights are lost).
     *
     * @param parameters the same parameters the average was started with
     */
    public void copyTo(List<ParameterSet.Parameter> parameters) {
        Autograd.withoutGradient(() -> {
            for (ParameterSet.Parameter p : parameters) {
                p.array().set(shadow(p).toByteBuffer());
            }
            return null;
        });
    }

    private NDArray shadow(ParameterSet.Parameter p) {
        NDArray shadow = shadows.get(p.name());
        if (shadow == null) {
            throw new IllegalArgumentException("the EMA does not follow parameter " + p.name());
        }
        return shadow;
    }

    /** Frees the shadows. */
    @Override
    public void close() {
        shadows.values().forEach(NDArray::close);
        shadows.clear();
    }
}
