package org.uniconbench.baselines.control;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.data.Condition;
import org.uniconbench.baselines.data.DatasetKind;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.nn.Autograd;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.train.TrainOptions;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.train.TrainingData;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.baselines.unet.BlockHook;
import org.uniconbench.baselines.unet.UNet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which way information (values forward, gradients backward) flows in ControlNet and UniCon: the
 * step-0 identities, the frozen backbone, and the route the first gradient takes.
 */
class InformationFlowTest {

    private static final int DEPTH = Fixtures.tinyConfig().resBlocks();
    private static final Shape IMAGES = new Shape(2, 1, 8, 8);
    private static final int[] STEPS = {40, 650};
    private static final NoiseSchedule SCHEDULE = new NoiseSchedule(1000, 1e-4, 0.02);

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    /** Noisy images, timesteps, condition and the true noise of one small batch. */
    private record Inputs(NDArray noisy, NDArray timesteps, NDArray condition, NDArray noise) {
        static Inputs of(NDManager manager, long seed) {
            NDArray clean = Fixtures.uniform(manager, IMAGES, seed).mul(2).sub(1);
            NDArray noise = Fixtures.gaussian(manager, IMAGES, seed + 1);
            NDArray noisy = SCHEDULE.addNoise(clean, noise, STEPS);
            NDArray timesteps = manager.create(new float[] {STEPS[0], STEPS[1]});
            NDArray condition = Fixtures.uniform(manager, IMAGES, seed + 2);
            return new Inputs(noisy, timesteps, condition, noise);
        }
    }

    private static double maxAbsDiff(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        assertEquals(x.length, y.length, "sizes differ");
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs((double) x[i] - y[i]));
        }
        return max;
    }

    private static double maxAbs(NDArray a) {
        double max = 0;
        for (float v : a.toFloatArray()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** max |ControlledModel - backbone| on random inputs, before any training. */
    private static double stepZeroDeviation(AdapterSpec spec) {
        try (Backbone backbone = Fixtures.frozenBackbone(1);
                ControlledModel model = new ControlledModel(backbone, spec, 2);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Inputs in = Inputs.of(manager, 3);
            NDArray expected = backbone.predictNoise(in.noisy(), in.timesteps(), null);
            NDArray actual = model.predictNoise(in.noisy(), in.timesteps(), in.condition());
            assertEquals(expected.getShape(), actual.getShape());
            assertTrue(maxAbs(expected) > 0.01, "the backbone's output is not trivial");
            return maxAbsDiff(expected, actual);
        }
    }

    @Test
    void bidirectionalFullCopyOnTheUNetEqualsBackboneAtStepZero() {
        assertEquals(0.0, stepZeroDeviation(new AdapterSpec(Method.UNICON, Scope.FULL, Flow.BIDIRECTIONAL, 1.0, DEPTH,
                ConnectorKind.ZERO_FT)));
    }

    @Test
    void controlNetOutputEqualsBackboneAtStepZero() {
        assertEquals(0.0, stepZeroDeviation(
                new AdapterSpec(Method.CONTROLNET, 1.0, DEPTH, ConnectorKind.ZERO_CONV)));
    }

    @ParameterizedTest
    @EnumSource(value = ConnectorKind.class, names = {"ZERO_CONV", "ZERO_FT"}) // shared attention: DiT only
    void uniConFullCopyOutputEqualsBackboneAtStepZero(ConnectorKind connector) {
        assertEquals(0.0, stepZeroDeviation(new AdapterSpec(Method.UNICON, 1.0, DEPTH, connector)));
    }

    /**
     * Known, documented deviation: a narrower UniCon copy is initialised from a channel slice of
     * the backbone, and a slice of a network is not the network, so at step 0 the adapter (which
     * alone produces the output) does NOT reproduce the backbone.
     */
    @Test
    void narrowUniConDoesNotReproduceTheBackboneAtStepZero() {
        double deviation = stepZeroDeviation(
                new AdapterSpec(Method.UNICON, 0.5, DEPTH, ConnectorKind.ZERO_FT));
        assertTrue(deviation > 1e-3, "a width-0.5 slice unexpectedly matches the backbone: " + deviation);
    }

    /** ControlNet's output comes from the frozen backbone; zero convs make any copy a no-op at step 0. */
    @Test
    void narrowControlNetStillReproducesTheBackbone() {
        assertEquals(0.0, stepZeroDeviation(
                new AdapterSpec(Method.CONTROLNET, 0.5, 1, ConnectorKind.ZERO_CONV)));
    }

    private static Map<String, float[]> snapshot(ParameterSet parameters) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (ParameterSet.Parameter p : parameters.all()) {
            values.put(p.name(), p.array().toFloatArray());
        }
        return values;
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void backboneWeightsNeverChangeDuringTraining(Method method) {
        ConnectorKind connector = method == Method.CONTROLNET ? ConnectorKind.ZERO_CONV : ConnectorKind.ZERO_FT;
        TrainingData data = Datasets.load(DatasetKind.SHAPES, 8, 4, 1, null, 5,
                new Condition.Downsample(2)).train();
        try (Backbone backbone = Fixtures.frozenBackbone(1);
                ControlledModel model = new ControlledModel(backbone,
                        new AdapterSpec(method, 1.0, DEPTH, connector), 2)) {
            Map<String, float[]> backboneBefore = snapshot(backbone.parameters());
            Map<String, float[]> adapterBefore = snapshot(model.parameters());
            List<Double> losses = new ArrayList<>();
            new Trainer(SCHEDULE).train(model, data, new TrainOptions(3, 2, 1e-2, 7),
                    r -> losses.add(r.loss()));
            assertEquals(3, losses.size());

            assertTrue(backbone.trainableParameters().isEmpty(), "the backbone is frozen");
            Map<String, float[]> backboneAfter = snapshot(backbone.parameters());
            assertEquals(backboneBefore.keySet(), backboneAfter.keySet());
            backboneBefore.forEach((name, values) -> assertArrayEquals(values, backboneAfter.get(name),
                    "backbone parameter " + name + " changed"));

            Map<String, float[]> adapterAfter = snapshot(model.parameters());
            List<String> changed = new ArrayList<>();
            adapterBefore.forEach((name, values) -> {
                if (!java.util.Arrays.equals(values, adapterAfter.get(name))) {
                    changed.add(name);
                }
            });
            String connectorPrefix = method == Method.CONTROLNET ? "zero." : "connector.";
            for (String name : adapterBefore.keySet()) {
                if (name.startsWith(connectorPrefix)) {
                    assertTrue(changed.contains(name), "connector parameter " + name + " was not trained");
                }
            }
            assertTrue(changed.stream().anyMatch(n -> n.startsWith("enc0.res0.")),
                    "the copied encoder was not trained: " + changed);
        }
    }

    @Test
    void uniConBackboneForwardBuildsNoAutogradGraph() {
        try (Backbone backbone = Fixtures.frozenBackbone(1);
                ControlledModel model = new ControlledModel(backbone,
                        new AdapterSpec(Method.UNICON, 1.0, DEPTH, ConnectorKind.ZERO_FT), 2);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Inputs in = Inputs.of(manager, 3);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                Map<String, NDArray> features = Autograd.withoutGradient(
                        () -> backbone.features(in.noisy(), in.timesteps()));
                assertEquals(backbone.net().blockChannels().keySet(), features.keySet());
                features.forEach((key, feature) -> {
                    assertFalse(Autograd.requiresGrad(feature), key + " is part of an autograd graph");
                    assertEquals("", Autograd.gradientFunction(feature), key + " has a gradient function");
                });
                NDArray output = model.predictNoise(in.noisy(), in.timesteps(), in.condition());
                assertTrue(Autograd.requiresGrad(output), "the adapter's output must be trainable");
                assertFalse(Autograd.gradientFunction(output).isEmpty());
            }
        }
    }

    /**
     * withoutGradient really is torch.no_grad(): with an input that requires a gradient, the same
     * backbone pass records a graph when gradients are on, and none inside withoutGradient.
     */
    @Test
    void withoutGradientStopsRecordingEvenForAnInputThatRequiresGrad() {
        try (Backbone backbone = Fixtures.frozenBackbone(1);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Inputs in = Inputs.of(manager, 3);
            NDArray x = in.noisy().duplicate();
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                Map<String, NDArray> recorded = backbone.features(x, in.timesteps());
                assertTrue(Autograd.requiresGrad(recorded.get("mid.res1")), "control: grad mode records");
                Map<String, NDArray> free = Autograd.withoutGradient(() -> backbone.features(x, in.timesteps()));
                free.forEach((key, f) -> assertFalse(Autograd.requiresGrad(f), key + " recorded a graph"));
                // the grad mode is restored afterwards
                assertTrue(Autograd.requiresGrad(backbone.features(x, in.timesteps()).get("in")));
            }
        }
    }

    @Test
    void controlNetOutputIsTheFrozenDecodersAndRequiresGrad() {
        try (Backbone backbone = Fixtures.frozenBackbone(1);
                ControlledModel model = new ControlledModel(backbone,
                        new AdapterSpec(Method.CONTROLNET, 1.0, DEPTH, ConnectorKind.ZERO_CONV), 2);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Inputs in = Inputs.of(manager, 3);
            for (ParameterSet.Parameter p : backbone.parameters().all()) {
                assertFalse(p.trainable(), p.name());
                assertFalse(Autograd.requiresGrad(p.array()), p.name() + " requires grad");
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                // the frozen backbone alone records nothing ...
                NDArray plain = backbone.predictNoise(in.noisy(), in.timesteps(), null);
                assertFalse(Autograd.requiresGrad(plain));
                assertEquals("", Autograd.gradientFunction(plain));
                // ... the same frozen decoder fed the steered skips does: the graph runs through it
                NDArray output = model.predictNoise(in.noisy(), in.timesteps(), in.condition());
                assertTrue(Autograd.requiresGrad(output));
                assertTrue(Autograd.gradientFunction(output).toLowerCase().contains("convolution"),
                        "the last op is the frozen out.conv, found " + Autograd.gradientFunction(output));
                assertEquals(0.0, maxAbsDiff(plain, output), "values are the backbone's at step 0");
            }
        }
    }

    @Test
    void controlNetFirstGradientsReachAdapterOnlyThroughFrozenDecoder() {
        AdapterSpec spec = new AdapterSpec(Method.CONTROLNET, 1.0, DEPTH, ConnectorKind.ZERO_CONV);
        try (Backbone backbone = Fixtures.frozenBackbone(1);
                ControlledModel model = new ControlledModel(backbone, spec, 2);
                ControlledModel twin = new ControlledModel(backbone, spec, 2);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Inputs in = Inputs.of(manager, 3);

            // 1. the full model, the Trainer's loss, one backward
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray predicted = model.predictNoise(in.noisy(), in.timesteps(), in.condition());
                collector.backward(NoiseSchedule.loss(predicted, in.noise()));
            }
            Map<String, float[]> gradients = new LinkedHashMap<>();
            for (ParameterSet.Parameter p : model.parameters().all()) {
                try (NDArray gradient = p.array().getGradient()) {
                    gradients.put(p.name(), gradient.toFloatArray());
                }
            }
            int zeroConvs = 0;
            int copied = 0;
            for (Map.Entry<String, float[]> e : gradients.entrySet()) {
                String name = e.getKey();
                double max = 0;
                for (float v : e.getValue()) {
                    max = Math.max(max, Math.abs(v));
                }
                if (name.startsWith("zero.")) {
                    zeroConvs++;
                    assertTrue(max > 0, "zero conv " + name + " got no gradient");
                } else if (!name.startsWith("hint.")) {
                    copied++;
                    assertEquals(0.0, max, "copied block " + name + " got a gradient past the zero convs");
                }
            }
            assertEquals(2 * model.connectorKeys().size(), zeroConvs);
            assertTrue(copied > 20, "too few copied parameters checked: " + copied);
            for (ParameterSet.Parameter p : backbone.parameters().all()) {
                assertFalse(p.array().hasGradient(), "backbone parameter " + p.name() + " has a gradient");
            }

            // 2. the same forward in the twin, the decoder's input cut off the graph and made a leaf
            NDArray time = backbone.net().embedTime(in.timesteps());
            Map<String, NDArray> leaves = new LinkedHashMap<>();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                UNet.Encoded steered = twin.controlNetEncoding(in.noisy(), in.timesteps(), time, in.condition());
                List<UNet.Skip> skips = new ArrayList<>();
                for (UNet.Skip skip : steered.skips()) {
                    NDArray leaf = detachedLeaf(skip.feature());
                    leaves.put(skip.key(), leaf);
                    skips.add(new UNet.Skip(skip.key(), leaf));
                }
                NDArray middle = detachedLeaf(steered.middle());
                NDArray predicted = backbone.net().decode(new UNet.Encoded(skips, middle), time, BlockHook.NONE);
                collector.backward(NoiseSchedule.loss(predicted, in.noise()));
                leaves.put("mid.res1", middle);
            }
            // no gradient reaches the adapter once the decoder's input is detached ...
            for (ParameterSet.Parameter p : twin.parameters().all()) {
                try (NDArray gradient = p.array().getGradient()) {
                    assertEquals(0.0, maxAbs(gradient), "detached, yet " + p.name() + " got a gradient");
                }
            }
            // ... and what the zero convs got in step 1 is exactly the frozen decoder's input gradient
            for (String key : model.connectorKeys()) {
                NDArray leaf = leaves.get(key);
                try (NDArray gradient = leaf.getGradient()) {
                    float[] perChannel = gradient.sum(new int[] {0, 2, 3}).toFloatArray();
                    float[] bias = gradients.get("zero." + key + ".bias");
                    assertEquals(perChannel.length, bias.length, key);
                    double scale = 0;
                    for (float v : perChannel) {
                        scale = Math.max(scale, Math.abs(v));
                    }
                    assertTrue(scale > 0, "the decoder passes no gradient to " + key);
                    for (int c = 0; c < bias.length; c++) {
                        assertEquals(perChannel[c], bias[c], 1e-5 * scale + 1e-9,
                                "zero." + key + ".bias[" + c + "] is not the decoder's gradient");
                    }
                }
            }
        }
    }

    private static NDArray detachedLeaf(NDArray feature) {
        NDArray leaf = feature.stopGradient();
        assertFalse(Autograd.requiresGrad(leaf));
        leaf.setRequiresGradient(true);
        return leaf;
    }

    @Test
    void uniConFirstGradientsReachTheCopiedDecoderDirectly() {
        try (Backbone backbone = Fixtures.frozenBackbone(1);
                ControlledModel model = new ControlledModel(backbone,
                        new AdapterSpec(Method.UNICON, 1.0, DEPTH, ConnectorKind.ZERO_FT), 2);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Inputs in = Inputs.of(manager, 3);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray predicted = model.predictNoise(in.noisy(), in.timesteps(), in.condition());
                collector.backward(NoiseSchedule.loss(predicted, in.noise()));
            }
            int checked = 0;
            for (ParameterSet.Parameter p : model.parameters().all()) {
                if (p.name().startsWith("dec") || p.name().startsWith("out.")
                        || p.name().startsWith("connector.")) {
                    try (NDArray gradient = p.array().getGradient()) {
                        assertTrue(maxAbs(gradient) > 0, p.name() + " got no gradient at step 0");
                    }
                    checked++;
                }
            }
            assertTrue(checked > 40, "too few parameters checked: " + checked);
            for (ParameterSet.Parameter p : backbone.parameters().all()) {
                assertFalse(p.array().hasGradient(), "backbone parameter " + p.name() + " has a gradient");
            }
        }
    }
}
