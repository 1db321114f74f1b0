package org.uniconbench.harness.experiment;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code budget:} block: what the arms are made equal in, and the widths a budget chose.
 *
 * <p>In {@code params} mode the budget chooses the width of every UniCon arm, in {@code memory} mode
 * that of every arm; such arms may not write {@code adapter.width}. A search runs at run time; the
 * runner writes its result into the run folder's experiment.yaml as {@code widths}, and an arm with
 * a width there is not searched again, so re-running that file reproduces the widths. Until its
 * width is chosen, such an arm's {@code adapter.width} reads 1.0, a placeholder: use
 * {@link #searches} to tell.
 *
 * @param mode     what is equal across arms
 * @param seconds  training wall time per arm and seed in {@code time} mode, in (0, 10000000]; 0 otherwise
 * @param memoryMb cap on measured peak training memory in MiB in {@code memory} mode, 1..10000000; 0 otherwise
 * @param widths   chosen widths by arm name, in arm order, each in (0, 1]; only arms whose width the
 *                 budget chooses, and only in {@code params} and {@code memory} modes
 */
public record BudgetSpec(BudgetMode mode, double seconds, int memoryMb, Map<String, Double> widths) {

    /** The default budget: the same steps for every arm. */
    public static final BudgetSpec STEPS = new BudgetSpec(BudgetMode.STEPS, 0, 0, Map.of());

    /** Trainable parameters of a UniCon arm may differ from the ControlNet arm's by this fraction. */
    public static final double PARAMS_TOLERANCE = 0.05;

    /** Checks that each number belongs to its mode and copies the widths (unmodifiable, order kept). */
    public BudgetSpec {
        Objects.requireNonNull(mode, "mode");
        if ((mode == BudgetMode.TIME) != (seconds > 0) || seconds < 0) {
            throw new IllegalArgumentException("seconds must be positive in time mode and 0 otherwise, found "
                    + seconds + " in " + mode.yamlName() + " mode");
        }
        if ((mode == BudgetMode.MEMORY) != (memoryMb > 0) || memoryMb < 0) {
            throw new IllegalArgumentException("memoryMb must be positive in memory mode and 0 otherwise, found "
                    + memoryMb + " in " + mode.yamlName() + " mode");
        }
        if (!widths.isEmpty() && mode != BudgetMode.PARAMS && mode != BudgetMode.MEMORY) {
            throw new IllegalArgumentException("widths are chosen only in params and memory modes, not "
                    + mode.yamlName());
        }
        widths = Collections.unmodifiableMap(new LinkedHashMap<>(widths));
    }

    /** Whether this budget, not the file, decides the width of {@code arm}. */
    public boolean choosesWidth(ArmSpec arm) {
        return switch (mode) {
            case PARAMS -> arm.method() == Method.UNICON;
            case MEMORY -> true;
            case STEPS, TIME -> false;
        };
    }

    /** Whether {@code arm}'s width still has to be searched: chosen by the budget and not yet in {@link #widths}. */
    public boolean searches(ArmSpec arm) {
        return choosesWidth(arm) && !widths.containsKey(arm.name());
    }

    /** The training wall-time limit per arm and seed, or null when the budget is not time. */
    public Duration timeLimit() {
        return mode == BudgetMode.TIME ? Duration.ofNanos(Math.round(seconds * 1e9)) : null;
    }

    /** The memory cap in bytes (MiB x 2^20), or 0 when the budget is not memory. */
    public long memoryCapBytes() {
        return (long) memoryMb << 20;
    }
}
