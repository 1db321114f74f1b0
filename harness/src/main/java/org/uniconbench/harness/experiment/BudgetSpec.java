package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.control.Method;
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
 * <p>In {@code memory} mode the cap is either given ({@code memory_mb}) or taken from an arm
 * ({@code cap_from}: the paper's "same resources" read as the named arm's own measured peak). That
 * arm keeps the width it declares and is measured before the others are searched; the runner pins
 * the measured cap as {@code cap_bytes}, so re-running the written file measures nothing again.
 *
 * @param mode     what is equal across arms
 * @param seconds  training wall time per arm and seed in {@code time} mode, in (0, 10000000]; 0 otherwise
 * @param memoryMb cap on measured peak training memory in MiB in {@code memory} mode without
 *                 {@code capFrom}, 1..10000000; 0 otherwise
 * @param widths   chosen widths by arm name, in arm order, each in (0, 1]; only arms whose width the
 *                 budget chooses, and only in {@code params} and {@code memory} modes
 * @param capFrom  in {@code memory} mode, the arm whose measured peak is the cap; null otherwise
 * @param capBytes with {@code capFrom}, that arm's measured peak in bytes once measured; 0 before
 *                 (and always 0 without {@code capFrom})
 */
public record BudgetSpec(BudgetMode mode, double seconds, int memoryMb, Map<String, Double> widths,
        String capFrom, long capBytes) {

    /** The default budget: the same steps for every arm. */
    public static final BudgetSpec STEPS = new BudgetSpec(BudgetMode.STEPS, 0, 0, Map.of());

    /** A budget whose memory cap, if any, is given in MiB. */
    public BudgetSpec(BudgetMode mode, double seconds, int memoryMb, Map<String, Double> widths) {
        this(mode, seconds, memoryMb, widths, null, 0);
    }

    /** Trainable parameters of a UniCon arm may differ from the ControlNet arm's by this fraction. */
    public static final double PARAMS_TOLERANCE = 0.05;

    /** Checks that each number belongs to its mode and copies the widths (unmodifiable, order kept). */
    public BudgetSpec {
        Objects.requireNonNull(mode, "mode");
        if ((mode == BudgetMode.TIME) != (seconds > 0) || seconds < 0) {
            throw new IllegalArgumentException("seconds must be positive in time mode and 0 otherwise, found "
                    + seconds + " in " + mode.yamlName() + " mode");
        }
        if (capFrom != null && mode != BudgetMode.MEMORY) {
            throw new IllegalArgumentException("capFrom applies only in memory mode, not " + mode.yamlName());
        }
        if ((mode == BudgetMode.MEMORY && capFrom == null) != (memoryMb > 0) || memoryMb < 0) {
            throw new IllegalArgumentException("memoryMb must be positive in memory mode without capFrom and 0 "
                    + "otherwise, found " + memoryMb + " in " + mode.yamlName() + " mode");
        }
        if (capBytes < 0 || (capFrom == null && capBytes != 0)) {
            throw new IllegalArgumentException("capBytes is a measured cap, only with capFrom, found " + capBytes);
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
            case MEMORY -> !arm.name().equals(capFrom); // the cap's arm keeps its own width
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

    /**
     * The memory cap in bytes: MiB x 2^20, or the {@code capFrom} arm's measured peak (0 until
     * measured); 0 when the budget is not memory.
     */
    public long memoryCapBytes() {
        return capFrom != null ? capBytes : (long) memoryMb << 20;
    }

    /** Whether the cap is still to be measured: {@code capFrom} given and its peak not yet pinned. */
    public boolean measuresCap() {
        return capFrom != null && capBytes == 0;
    }

    /** This budget with the {@code capFrom} arm's measured peak pinned as the cap. */
    public BudgetSpec withCapBytes(long bytes) {
        if (capFrom == null || bytes <= 0) {
            throw new IllegalArgumentException("only a cap_from budget takes a measured cap, found " + bytes);
        }
        return new BudgetSpec(mode, seconds, memoryMb, widths, capFrom, bytes);
    }

    /** This budget with {@code pinned} as its widths (the cap and its source kept). */
    public BudgetSpec withWidths(Map<String, Double> pinned) {
        return new BudgetSpec(mode, seconds, memoryMb, pinned, capFrom, capBytes);
    }
}
