package org.uniconbench.harness.train;

import org.uniconbench.baselines.control.ControlledModel;
import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.LrSearchSpec;
import org.uniconbench.harness.store.RunStore;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The learning-rate search of {@code training.lr_search} with {@code tuning_seed}: one search per
 * arm, run by the experiment before any arm trains. Each arm's starting adapter is built (and, with
 * {@code adapter.init: distill}, distilled) from the tuning seed, which is not an evaluated seed, and
 * searched as {@link LrSearchStage#search} does; every evaluated seed of the arm then trains at the
 * chosen rate. So the search is at the full horizon once per arm instead of once per arm and seed,
 * and the evaluated seeds' interval holds training and evaluation noise but not tuning noise.
 *
 * <p>Files, in {@code search/ARM/} of the run folder: {@code lrsearch.json} (the row fields
 * {@code learningRate}, {@code lrSearch} with {@code seed}, {@code lrSearchMs}; or {@code error} when
 * every rate diverged), and with distillation {@code distill.jsonl} and {@code distill.json}. A
 * resumed run keeps an arm's finished search and runs an unfinished one again from its start.
 */
public final class TuningSearchStage {

    private TuningSearchStage() {
    }

    /** The folder of an arm's search in the run folder. */
    static String folder(String arm) {
        return "search/" + arm;
    }

    /** Runs every arm's search that has no result yet; nothing without {@code tuning_seed}. */
    public static void run(Experiment e, Backbone backbone, ImageSet train, Trainer trainer, RunStore store,
            PrintWriter out) {
        LrSearchSpec spec = e.training().lrSearch();
        if (spec == null || spec.tuningSeed() == null) {
            return;
        }
        long seed = spec.tuningSeed();
        long start = System.nanoTime();
        int searched = 0; // by this process, for the time left
        int left = (int) e.arms().stream()
                .filter(a -> !Files.isRegularFile(store.dir().resolve(folder(a.name())).resolve(LrSearchStage.RESULT)))
                .count();
        for (ArmSpec arm : e.arms()) {
            String label = "search " + arm.name();
            Path result = store.dir().resolve(folder(arm.name())).resolve(LrSearchStage.RESULT);
            if (Files.isRegularFile(result)) {
                out.println("[" + label + "] searched earlier; kept, not run again");
                continue;
            }
            PrintWriter prefixed = prefixed(out, label);
            Map<String, Object> fields;
            try (ControlledModel model = new ControlledModel(backbone, arm.adapter(), seed)) {
                Map<String, Object> distilled = DistillStage.run(e, arm, seed, folder(arm.name()), model, backbone,
                        train, trainer, store, false, prefixed, label);
                fields = LrSearchStage.search(e, seed, model, train, trainer, prefixed);
                // the warm start of the searched adapter is the search's cost too
                fields.put("lrSearchMs", ((Number) fields.get("lrSearchMs")).doubleValue()
                        + ((Number) distilled.get("distillMs")).doubleValue());
            } catch (ArmRunner.ArmFailure failure) { // every rate diverged: the arm's rows fail with this
                fields = new LinkedHashMap<>();
                fields.put("error", failure.getMessage());
                out.println("[" + label + "] FAILED: " + failure.getMessage());
            }
            prefixed.flush();
            store.writeJson(folder(arm.name()) + "/" + LrSearchStage.RESULT, fields);
            if (fields.containsKey("learningRate")) {
                out.printf(Locale.ROOT, "[%s] chose learning rate %s for every seed (tuning seed %d, %.0f s)%n", label,
                        fields.get("learningRate"), seed, ((Number) fields.get("lrSearchMs")).doubleValue() / 1000);
            }
            searched++;
            out.println(overall(searched, left, (System.nanoTime() - start) / 1e9));
            out.flush();
        }
    }

    /**
     * The line after each arm's search: arms searched of those this process searches, time so far
     * and the time left if every remaining arm's search takes the mean so far (arms differ in cost:
     * the full copies' steps are dearer, so the first arms' mean is a rough guide).
     *
     * @param searched searches finished by this process
     * @param total searches this process runs (the arms without a result when it started)
     * @param seconds wall time since the first of them started
     * @return e.g. {@code [search] 1/3 arms searched in 5m18s; about 10m36s left}
     */
    static String overall(int searched, int total, double seconds) {
        String line = "[search] " + searched + "/" + total + " arms searched in " + Progress.duration(seconds);
        return searched >= total ? line : line + "; about " + Progress.duration(seconds / searched * (total - searched))
                + " left (the mean arm so far)";
    }

    /** {@code out} with {@code [label] } before every line, as the arm processes' lines are shown. */
    private static PrintWriter prefixed(PrintWriter out, String label) {
        return new PrintWriter(new Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] chars, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    if (chars[i] == '\n') {
                        out.println("[" + label + "] " + line);
                        line.setLength(0);
                    } else {
                        line.append(chars[i]);
                    }
                }
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                flush();
            }
        });
    }
}
