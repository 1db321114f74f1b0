package org.uniconbench.harness.train;

import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.metrics.Statistics;
import org.uniconbench.reports.Metric;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interleaved timing passes ({@code evaluation.timing_passes: N}): after every arm and seed of a run
 * has trained, the step time of each arm is measured again, so that the arms a ratio pairs are timed
 * at the same time. Arms train minutes apart, and on the 2-core machine of the claim runs the
 * machine's speed drifted so much that one arm's seeds differed by up to 50% in median step time;
 * a ratio of two training-time medians carries that drift.
 *
 * <p>One block per seed; a block is N rounds; a round runs one {@link TimingPass} (a fresh JVM) of
 * every arm that completed the seed, back to back, in an order that moves by one place from round to
 * round and on across blocks, so no arm always goes first. Each completed row then holds
 * {@code timedStepMs} (the median over its N passes, {@link Metric#TIMED_STEP}), {@code timedStepPassesMs}
 * (each pass's median step), {@code timedForwardMs}, {@code timedBackwardMs} and {@code timingMethod}.
 * A pass that fails leaves its row without {@code timedStepMs} and with {@code timingError}; the
 * step-time claim then falls back to the training steps' {@code medianStepMs}.
 */
public final class TimingPasses {

    /**
     * One pass of the schedule.
     *
     * @param seed the seed (the block)
     * @param round the round within the block, from 0
     * @param arm the arm timed
     */
    record Pass(int seed, int round, String arm) {
    }

    private TimingPasses() {
    }

    /**
     * The blocks in the order they run: one per seed that has arms, each {@code rounds} rounds of every
     * arm of that seed. Round g of the whole run (counted over blocks) starts at arm {@code g mod k}
     * of its seed's k arms and goes round the list from there.
     *
     * @param armsBySeed the arms to time per seed, in the experiment's arm order, seeds in run order
     * @param rounds rounds per block
     * @return the blocks; within each, the passes in order
     */
    static List<List<Pass>> schedule(Map<Integer, List<String>> armsBySeed, int rounds) {
        List<List<Pass>> blocks = new ArrayList<>();
        int round = 0; // over the whole run, so a block does not start where the previous one did
        for (Map.Entry<Integer, List<String>> seed : armsBySeed.entrySet()) {
            List<String> arms = seed.getValue();
            if (arms.isEmpty() || rounds == 0) {
                continue;
            }
            List<Pass> block = new ArrayList<>();
            for (int r = 0; r < rounds; r++, round++) {
                for (int i = 0; i < arms.size(); i++) {
                    block.add(new Pass(seed.getKey(), r, arms.get((round + i) % arms.size())));
                }
            }
            blocks.add(block);
        }
        return blocks;
    }

    /**
     * Runs the passes of a finished run and writes their fields into its completed rows; does nothing
     * when {@code evaluation.timing_passes} is 0 or the arms were handed to an executor and still run.
     *
     * @param e the run's experiment (widths resolved)
     * @param runDir the run folder, whose experiment.yaml the passes read
     * @param rows the run's rows; completed arm rows gain the timing fields
     * @param detached whether the arms still run elsewhere
     * @param out progress: one line per block, with the time left
     */
    public static void run(Experiment e, Path runDir, List<Map<String, Object>> rows, boolean detached,
            PrintWriter out) {
        int rounds = e.evaluation().timingPasses();
        List<List<Pass>> blocks = rounds == 0 || detached ? List.of() : schedule(completed(e, rows), rounds);
        if (blocks.isEmpty()) {
            return;
        }
        Path file = runDir.resolve("experiment.yaml").toAbsolutePath();
        Path checkpoint = BackboneStage.checkpoint(e).toAbsolutePath();
        out.println("[timing] " + blocks.size() + (blocks.size() == 1 ? " block" : " blocks") + " (one per seed) of "
                + rounds + (rounds == 1 ? " round" : " rounds") + "; a round times every arm of the seed back to back, "
                + "each pass a fresh JVM of " + TimingPass.WARMUP + " warm-up + " + TimingPass.TIMED + " timed steps");
        out.flush();
        Map<String, List<TimingPass.Result>> results = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (int b = 0; b < blocks.size(); b++) {
            List<Pass> block = blocks.get(b);
            for (Pass p : block) {
                String key = key(p.arm(), p.seed());
                try {
                    results.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(TimingPass.measure(file, p.arm(), p.seed(), checkpoint));
                } catch (RuntimeException ex) { // the run's measurements stand; this row keeps its training figure
                    errors.putIfAbsent(key, ex.getMessage());
                    out.println("[timing] " + p.arm() + " seed " + p.seed() + " round " + (p.round() + 1)
                            + " FAILED: " + ex.getMessage());
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            out.println("[timing] block " + (b + 1) + "/" + blocks.size() + " (seed " + block.get(0).seed() + "): "
                    + block.size() + " passes, " + Progress.duration(elapsed) + " so far, ETA "
                    + Progress.duration(elapsed / (b + 1) * (blocks.size() - b - 1)));
            out.flush();
        }
        String method = "fresh JVM per pass (the JVM's default flags), " + TimingPass.WARMUP + " warm-up + "
                + TimingPass.TIMED + " timed steps at batch " + e.training().batchSize() + "; " + rounds
                + " per seed, the seed's arms back to back in a rotating order after all training; median of the "
                + "passes' median steps";
        for (Map<String, Object> row : rows) {
            String key = key(String.valueOf(row.get("name")), seed(row));
            if (results.containsKey(key) || errors.containsKey(key)) {
                put(row, results.getOrDefault(key, List.of()), errors.get(key), method);
            }
        }
    }

    /** The timing fields of one row: the median only when all its passes ran. */
    private static void put(Map<String, Object> row, List<TimingPass.Result> passes, String error, String method) {
        row.put("timedStepPassesMs", passes.stream().map(TimingPass.Result::stepMs).toList());
        if (error == null) {
            row.put(Metric.TIMED_STEP.key(), median(passes.stream().mapToDouble(TimingPass.Result::stepMs)));
            row.put("timedForwardMs", median(passes.stream().mapToDouble(TimingPass.Result::forwardMs)));
            row.put("timedBackwardMs", median(passes.stream().mapToDouble(TimingPass.Result::backwardMs)));
        } else {
            row.put("timingError", error);
        }
        row.put("timingMethod", method);
    }

    private static double median(java.util.stream.DoubleStream values) {
        return Statistics.median(values.toArray());
    }

    /** The arms that completed each seed, in the experiment's seed and arm order. */
    private static Map<Integer, List<String>> completed(Experiment e, List<Map<String, Object>> rows) {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (int seed : e.seeds()) {
            List<String> arms = new ArrayList<>();
            for (ArmSpec arm : e.arms()) {
                if (rows.stream().anyMatch(r -> arm.name().equals(r.get("name")) && seed(r) == seed
                        && "completed".equals(r.get("status")))) {
                    arms.add(arm.name());
                }
            }
            out.put(seed, arms);
        }
        return out;
    }

    private static int seed(Map<String, Object> row) {
        return row.get("seed") instanceof Number n ? n.intValue() : Integer.MIN_VALUE;
    }

    private static String key(String arm, int seed) {
        return arm + "\u0000" + seed;
    }
}
