package org.uniconbench.baselines.train;

import ai.djl.Device;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.control.AdapterSpec;
import org.uniconbench.baselines.control.ConnectorKind;
import org.uniconbench.baselines.control.ControlledModel;
import org.uniconbench.baselines.control.Method;
import org.uniconbench.baselines.data.Condition;
import org.uniconbench.baselines.data.DatasetKind;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.data.ImageSet;
import org.uniconbench.baselines.diffusion.Denoiser;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.baselines.unet.UNetConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training loop is reproducible from its seeds and actually learns. */
class TrainerTest {

    private static final NoiseSchedule SCHEDULE = new NoiseSchedule(1000, 1e-4, 0.02);

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    private static ImageSet shapes(int count, int resolution) {
        return Datasets.load(DatasetKind.SHAPES, resolution, count, 1, null, 21,
                new Condition.Downsample(2)).train();
    }

    /** Trains a freshly built model and returns its losses (the model is closed afterwards). */
    private static List<Double> losses(AutoCloseable resources, Denoiser model, TrainingData data,
            TrainOptions options) throws Exception {
        List<Double> losses = new ArrayList<>();
        try (resources) {
            new Trainer(SCHEDULE).train(model, data, options, r -> {
                assertEquals(losses.size() + 1, r.step());
                assertTrue(r.totalMs() >= 0);
                losses.add(r.loss());
            });
        }
        assertEquals(options.steps(), losses.size());
        losses.forEach(l -> assertTrue(Double.isFinite(l) && l > 0, "loss " + l));
        return losses;
    }

    private static List<Double> backboneRun(TrainOptions options) throws Exception {
        Backbone backbone = new Backbone(Fixtures.tinyConfig(), Device.cpu(), 3, true);
        return losses(backbone, backbone, shapes(4, 8), options);
    }

    private static List<Double> uniConRun(TrainOptions options) throws Exception {
        Backbone backbone = Fixtures.frozenBackbone(3);
        ControlledModel model = new ControlledModel(backbone,
                new AdapterSpec(Method.UNICON, 1.0, 2, ConnectorKind.ZERO_FT), 4);
        AutoCloseable both = () -> {
            model.close();
            backbone.close();
        };
        return losses(both, model, shapes(4, 8), options);
    }

    private static void assertBitIdentical(List<Double> a, List<Double> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(0, Double.compare(a.get(i), b.get(i)),
                    "step " + (i + 1) + ": " + a.get(i) + " vs " + b.get(i));
        }
    }

    @Test
    void sameSeedGivesBitIdenticalLossesForTheBackbone() throws Exception {
        TrainOptions options = new TrainOptions(5, 2, 1e-3, 11);
        assertBitIdentical(backboneRun(options), backboneRun(options));
    }

    @Test
    void sameSeedGivesBitIdenticalLossesForUniCon() throws Exception {
        TrainOptions options = new TrainOptions(5, 2, 1e-3, 11);
        assertBitIdentical(uniConRun(options), uniConRun(options));
    }

    @Test
    void differentSeedGivesDifferentLosses() throws Exception {
        List<Double> a = backboneRun(new TrainOptions(5, 2, 1e-3, 11));
        List<Double> b = backboneRun(new TrainOptions(5, 2, 1e-3, 12));
        for (int i = 0; i < a.size(); i++) {
            assertNotEquals(a.get(i), b.get(i), "step " + (i + 1) + " drew the same batch and noise");
        }
    }

    @Test
    void minSnrWeightingLowersTheFirstLossByWeighingTheCleanTimestepsLess() throws Exception {
        // the same draws; every weight is at most 1 and some are far below (batch 32: some t near 0)
        double plain = backboneRun(new TrainOptions(1, 32, 1e-3, 11)).get(0);
        double weighted = backboneRun(new TrainOptions(1, 32, 1e-3, 11).withMinSnr(5)).get(0);
        assertTrue(weighted < plain, "weighted " + weighted + ", plain " + plain);
        assertEquals(plain, backboneRun(new TrainOptions(1, 32, 1e-3, 11).withMinSnr(0)).get(0),
                "gamma 0 is the plain loss, bit for bit");
    }

    /**
     * Two images, a U-Net with one residual block per level, 200 Adam steps at 1e-3: the loss over
     * the last 30 steps falls well below that of the first 10 (measured: about 0.15x; the bound
     * leaves room for the noise of random timesteps).
     */
    @Test
    void oneBatchCanBeOverfitted() throws Exception {
        int steps = 200;
        UNetConfig config = new UNetConfig(List.of(16, 32), 1, 8, 1, true);
        Backbone backbone = new Backbone(config, Device.cpu(), 5, true);
        List<Double> losses = losses(backbone, backbone, shapes(2, 8),
                new TrainOptions(steps, 2, 1e-3, 9));
        double first = mean(losses.subList(0, 10));
        double last = mean(losses.subList(steps - 30, steps));
        assertTrue(first > 0.3, "the untrained loss should be large, found " + first);
        assertTrue(last < 0.35 * first, "loss went only from " + first + " to " + last);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /**
     * Stop a UniCon run after 3 of 7 steps, keep the adapter's values and Adam's state, build a
     * fresh model from them and continue: steps 4 to 7 give the uninterrupted run's losses, bit
     * for bit (the stream of the first 3 steps is replayed, not re-run).
     */
    @Test
    void aRunContinuedFromItsStateGivesTheUninterruptedLosses() throws Exception {
        TrainOptions options = new TrainOptions(7, 2, 1e-3, 11);
        List<Double> whole = uniConRun(options);
        AdapterSpec spec = new AdapterSpec(Method.UNICON, 1.0, 2, ConnectorKind.ZERO_FT);
        ImageSet data = shapes(4, 8);
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, float[][]> moments;
        int adamSteps;
        List<Double> continued = new ArrayList<>();
        try (Backbone backbone = Fixtures.frozenBackbone(3);
                ControlledModel first = new ControlledModel(backbone, spec, 4)) {
            Adam adam = new Adam(options.learningRate());
            new Trainer(SCHEDULE).train(first, data, new TrainOptions(3, 2, 1e-3, 11), adam, 0,
                    r -> continued.add(r.loss()));
            first.parameters().all().forEach(p -> values.put(p.name(), p.array().toFloatArray()));
            moments = adam.moments();
            adamSteps = adam.steps();
        }
        try (Backbone backbone = Fixtures.frozenBackbone(3);
                ControlledModel second = new ControlledModel(backbone, spec, 4)) {
            values.forEach(second.parameters()::set);
            Adam adam = new Adam(options.learningRate());
            adam.restore(adamSteps, moments, second.trainableParameters());
            new Trainer(SCHEDULE).train(second, data, options, adam, 3, r -> continued.add(r.loss()));
        }
        assertEquals(3, adamSteps);
        assertBitIdentical(whole, continued);
    }

    /** A budget far below one step's time: the first step runs, then the limit stops training. */
    @Test
    void aTimeLimitStopsTrainingBetweenStepsAndReportsTheStepsRun() {
        int upperBound = 1000;
        List<Integer> seen = new ArrayList<>();
        int ran;
        try (Backbone backbone = new Backbone(Fixtures.tinyConfig(), Device.cpu(), 3, true)) {
            ran = new Trainer(SCHEDULE).train(backbone, shapes(4, 8),
                    new TrainOptions(upperBound, 2, 1e-3, 11).withTimeLimit(Duration.ofNanos(1)),
                    r -> seen.add(r.step()));
        }
        assertTrue(ran >= 1 && ran < upperBound, "steps run: " + ran);
        assertEquals(ran, seen.size());
    }

    @Test
    void withoutATimeLimitEveryStepRuns() {
        try (Backbone backbone = new Backbone(Fixtures.tinyConfig(), Device.cpu(), 3, true)) {
            assertEquals(3, new Trainer(SCHEDULE).train(backbone, shapes(4, 8),
                    new TrainOptions(3, 2, 1e-3, 11), r -> {}));
        }
    }

    @Test
    void aZeroTimeLimitIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new TrainOptions(3, 2, 1e-3, 11).withTimeLimit(Duration.ZERO));
    }

    @Test
    void aModelWithoutTrainableParametersIsRejected() {
        try (Backbone frozen = Fixtures.frozenBackbone(1)) {
            assertThrows(IllegalArgumentException.class, () -> new Trainer(SCHEDULE)
                    .train(frozen, shapes(2, 8), new TrainOptions(1, 2, 1e-3, 1), r -> {}));
        }
    }
}
