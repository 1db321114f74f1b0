package org.uniconbench.harness.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.uniconbench.baselines.control.ControlledModel;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.train.Adam;
import org.uniconbench.baselines.train.TrainOptions;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.train.TrainingData;
import org.uniconbench.harness.experiment.ArmSpec;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.LrSearchSpec;
import org.uniconbench.harness.store.RunStore;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The learning-rate search of {@code training.lr_search}, the same for every arm: from the arm's
 * starting adapter (after any distillation; with {@code tuning_seed}, an adapter started from that
 * seed, see {@link TuningSearchStage}), for each rate, {@code steps} steps of control training
 * on the training images minus a held-out tail, then the denoising loss on that tail (fixed
 * timesteps and noise; the training loss unless {@code held_out_from} / {@code held_out_target}
 * say otherwise, {@link LrSearchSpec}); the rate with the lowest held-out loss trains the arm. The adapter is put
 * back to its starting values after every trial. A fidelity metric never enters the choice.
 * Results go to {@code lrsearch.json} in the arm's folder (with {@code tuning_seed}: in
 * {@code search/ARM/}, once for all seeds) and into its row ({@code learningRate}, {@code lrSearch},
 * {@code lrSearchMs}); a resumed arm reads them back.
 */
final class LrSearchStage {

    /** The search's result in the arm's folder. */
    static final String RESULT = "lrsearch.json";

    /** Offset of the search's random stream from the arm's seed (its batches are its own). */
    static final long SEED_OFFSET = 2_000_003L;

    /** Offset of the held-out loss's timesteps and noise. */
    static final long HELD_OUT_SEED_OFFSET = 3_000_017L;

    /**
     * Timesteps per held-out image, one per stratum of the schedule ({@link Trainer#heldOutLoss(
     * org.uniconbench.baselines.diffusion.Denoiser, TrainingData, int, long, int)}). The full UniCon
     * copy's 800-step search chose 1e-3 from seed 0 and 3e-4 from seed 1000, its held-out losses at
     * the two within 10%: the trials' own batches differ between the seeds, and so does the estimate,
     * which with one random timestep per image depends on which timesteps were drawn (the loss varies
     * across timesteps by orders of magnitude). Eight stratified draws cost eight forward passes over
     * 64 images, seconds against the trials' minutes, and narrow the estimate's spread over draws
     * (DistillTest); the trials' own noise remains.
     */
    static final int HELD_OUT_DRAWS = 8;

    /** At most this many training images are held out (the last ones), at least 1, at most an eighth. */
    static final int MAX_HELD_OUT = 64;

    private LrSearchStage() {
    }

    /** The training examples {@code [from, from + size)} of {@code data}. */
    private record Range(TrainingData data, int from, int size) implements TrainingData {
        @Override
        public Batch batch(ai.djl.ndarray.NDManager manager, int[] indices) {
            int[] shifted = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                shifted[i] = from + indices[i];
            }
            return data.batch(manager, shifted);
        }
    }

    /** How many training images are held out of {@code size}. */
    static int heldOut(int size) {
        return Math.max(1, Math.min(MAX_HELD_OUT, size / 8));
    }

    /**
     * The learning rate the arm trains at: {@code training.learning_rate} without a search; with
     * {@code tuning_seed} the arm's one search ({@link TuningSearchStage}, run before any arm);
     * else the search of this arm and seed (run now, or read back when {@code resumed}).
     *
     * @return the row fields: {@code learningRate}, and with a search {@code lrSearch} and {@code lrSearchMs}
     */
    static Map<String, Object> run(Experiment e, ArmSpec arm, long seed, ControlledModel model, TrainingData train,
            Trainer trainer, RunStore store, boolean resumed, PrintWriter out) {
        LrSearchSpec search = e.training().lrSearch();
        if (search == null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("learningRate", e.training().learningRate());
            return fields;
        }
        if (search.tuningSeed() != null) {
            Path shared = store.dir().resolve(TuningSearchStage.folder(arm.name())).resolve(RESULT);
            if (!Files.isRegularFile(shared)) {
                throw new ArmRunner.ArmFailure(0, shared + " is missing: training.lr_search.tuning_seed searches "
                        + "once per arm before the arms run; resume the run (unicon run --resume) to search again");
            }
            return read(shared);
        }
        String folder = ArmRunner.folder(arm.name(), seed);
        if (resumed) {
            return read(store.dir().resolve(folder).resolve(RESULT));
        }
        Map<String, Object> fields = search(e, seed, model, train, trainer, out);
        store.writeJson(folder + "/" + RESULT, fields);
        return fields;
    }

    /**
     * The search itself, from the model's current adapter, with batches and held-out noise drawn
     * from {@code seed}; the adapter is back at its starting values afterwards. Its lines begin
     * {@code [lr-search]}.
     *
     * @return the row fields {@code learningRate}, {@code lrSearch}, {@code lrSearchMs}
     */
    static Map<String, Object> search(Experiment e, long seed, ControlledModel model, TrainingData train,
            Trainer trainer, PrintWriter out) {
        String label = "lr-search";
        LrSearchSpec search = e.training().lrSearch();
        if (train.size() < 2) {
            throw new ArmRunner.ArmFailure(0, "training.lr_search needs at least 2 training images (one is held out)");
        }
        int held = heldOut(train.size());
        TrainingData fit = new Range(train, 0, train.size() - held);
        TrainingData check = new Range(train, train.size() - held, held);
        int batch = e.training().batchSize();
        Map<String, float[]> start = snapshot(model.parameters());
        long begin = System.nanoTime();
        List<Double> heldOutLosses = new ArrayList<>();
        List<Double> trainLosses = new ArrayList<>();
        int best = -1;
        // one progress line per training.log_every steps of the whole search, with its ETA
        Progress progress = new Progress(out, label, search.rates().size() * search.steps(),
                e.training().logEvery());
        for (int r = 0; r < search.rates().size(); r++) {
            double rate = search.rates().get(r);
            Adam adam = new Adam(rate);
            double[] last = {Double.NaN};
            int before = r * search.steps();
            try {
                trainer.train(model, fit, new TrainOptions(search.steps(), batch, rate, seed + SEED_OFFSET), adam, 0,
                        step -> {
                            last[0] = step.loss();
                            progress.step(before + step.step(), step.loss());
                        });
            } finally {
                adam.release();
            }
            double loss = Double.isFinite(last[0])
                    ? trainer.heldOutLoss(model, check, batch, seed + HELD_OUT_SEED_OFFSET,
                            search.heldOutScore(HELD_OUT_DRAWS))
                    : Double.NaN;
            heldOutLosses.add(Double.isFinite(loss) ? loss : null);
            trainLosses.add(Double.isFinite(last[0]) ? last[0] : null);
            if (Double.isFinite(loss) && (best < 0 || loss < heldOutLosses.get(best))) {
                best = r;
            }
            out.printf(Locale.ROOT, "[%s] rate %s: %d steps, held-out loss %s%n", label, rate, search.steps(),
                    Double.isFinite(loss) ? String.format(Locale.ROOT, "%.5f", loss) : "diverged");
            out.flush();
            restore(model.parameters(), start);
        }
        if (best < 0) {
            throw new ArmRunner.ArmFailure(0, "every rate of training.lr_search " + search.rates()
                    + " diverged; add smaller rates");
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("rates", search.rates());
        record.put("steps", search.steps());
        record.put("heldOutImages", held);
        record.put("heldOutDraws", HELD_OUT_DRAWS); // timesteps per image (absent in older runs: 1)
        // what the held-out loss scored (absent in older runs: noise from 0, the training loss)
        record.put("heldOutFrom", search.heldOutFrom());
        record.put("heldOutTarget", LrSearchSpec.yamlName(search.heldOutTarget()));
        record.put("heldOutLoss", heldOutLosses);
        record.put("finalTrainLoss", trainLosses);
        record.put("chosen", search.rates().get(best));
        String edge = gridEdge(search.rates(), search.rates().get(best));
        record.put("atGridEdge", edge);
        record.put("seed", seed);
        if (edge != null) { // the search did not bracket its best rate: a wider grid may choose another
            out.printf(Locale.ROOT, "[%s] chose %s, the %s rate of the grid %s: the best rate may lie beyond "
                    + "it; extend training.lr_search.rates%n", label, search.rates().get(best), edge, search.rates());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("learningRate", search.rates().get(best));
        fields.put("lrSearch", record);
        fields.put("lrSearchMs", (System.nanoTime() - begin) / 1e6);
        return fields;
    }

    private static Map<String, float[]> snapshot(ParameterSet parameters) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (ParameterSet.Parameter p : parameters.all()) {
            values.put(p.name(), p.array().toFloatArray());
        }
        return values;
    }

    private static void restore(ParameterSet parameters, Map<String, float[]> values) {
        values.forEach(parameters::set);
    }

    private static Map<String, Object> read(Path result) {
        JsonNode n = RunStore.readStageRecord(result);
        if (n.has("error")) { // the one search of tuning_seed failed: so does every seed of the arm
            throw new ArmRunner.ArmFailure(0, "the learning-rate search (" + result + ") failed: "
                    + n.get("error").asText());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("learningRate", n.get("learningRate").asDouble());
        fields.put("lrSearch", RunStore.JSON.convertValue(n.get("lrSearch"), Map.class));
        fields.put("lrSearchMs", n.get("lrSearchMs").asDouble());
        return fields;
    }

    /**
     * Whether the chosen rate is the grid's lowest or highest, so that the search did not bracket
     * the rate of lowest held-out loss and a wider grid might choose another.
     *
     * @param rates the searched rates, in any order
     * @param chosen the chosen one
     * @return {@code "lowest"}, {@code "highest"}, or null when a searched rate lies on either side
     */
    static String gridEdge(List<Double> rates, double chosen) {
        boolean below = rates.stream().anyMatch(r -> r < chosen);
        boolean above = rates.stream().anyMatch(r -> r > chosen);
        return below && above ? null : !below ? "lowest" : "highest";
    }
}
