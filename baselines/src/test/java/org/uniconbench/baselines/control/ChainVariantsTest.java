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
import org.junit.jupiter.params.provider.CsvSource;
import org.uniconbench.baselines.Fixtures;
import org.uniconbench.baselines.diffusion.NoiseSchedule;
import org.uniconbench.baselines.dit.DiTConfig;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.unet.Backbone;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every ablation variant on the transformer backbone: which are the backbone at step 0, which blocks
 * are copied, and that gradients reach the adapter by the route its flow says.
 */
class ChainVariantsTest {

    private static final DiTConfig CONFIG = new DiTConfig(8, 1, 2, 16, 4, 2, 2, 16);
    /** Depth 5 with U-ViT's long skips: blocks 3 and 4 read blocks 1 and 0. */
    private static final DiTConfig SKIPS = new DiTConfig(8, 1, 2, 16, 5, 2, 2, 16, true);
    /** {@link #SKIPS} with the convolutional MLP (a depthwise conv over the 4x4 token map in every block). */
    private static final DiTConfig CONV_MLP = new DiTConfig(8, 1, 2, 16, 5, 2, 2, 16, true, true);
    private static final Shape IMAGES = new Shape(2, 1, 8, 8);

    @BeforeAll
    static void oneThread() {
        Fixtures.singleThreaded();
    }

    /** A frozen DiT whose zero-initialised parts (adaLN, final projection) get random values too. */
    private static Backbone backbone() {
        return backbone(CONFIG);
    }

    private static Backbone backbone(DiTConfig config) {
        Backbone b = new Backbone(config, Device.cpu(), 1, false);
        SplittableRandom random = new SplittableRandom(7);
        for (ParameterSet.Parameter p : b.parameters().all()) {
            float[] values = new float[(int) p.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * 0.2);
            }
            b.parameters().set(p.name(), values);
        }
        return b;
    }

    private static AdapterSpec spec(Scope scope, Flow flow, ConnectorKind connector) {
        return new AdapterSpec(flow == Flow.BIDIRECTIONAL ? Method.CONTROLNET : Method.UNICON, scope, flow, 1.0, 1,
                connector);
    }

    private static double deviationAtStepZero(AdapterSpec spec) {
        return deviationAtStepZero(spec, CONFIG);
    }

    private static double deviationAtStepZero(AdapterSpec spec, DiTConfig config) {
        try (Backbone backbone = backbone(config);
                ControlledModel model = new ControlledModel(backbone, spec, 2);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray noisy = Fixtures.gaussian(manager, IMAGES, 3);
            NDArray t = manager.create(new float[] {40, 650});
            NDArray condition = Fixtures.uniform(manager, IMAGES, 4);
            float[] expected = backbone.predictNoise(noisy, t, null).toFloatArray();
            float[] actual = model.predictNoise(noisy, t, condition).toFloatArray();
            double max = 0;
            double scale = 0;
            for (int i = 0; i < expected.length; i++) {
                max = Math.max(max, Math.abs(expected[i] - actual[i]));
                scale = Math.max(scale, Math.abs(expected[i]));
            }
            assertTrue(scale > 0.01, "the backbone's output is not trivial");
            return max;
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "ENCODER, BIDIRECTIONAL, ZERO_CONV",
        "DECODER, BIDIRECTIONAL, ZERO_FT",
        "SKIP_LAYER, BIDIRECTIONAL, ZERO_CONV",
        "FULL, BIDIRECTIONAL, SHARED_ATTENTION",
        "FULL, UNIDIRECTIONAL, ZERO_FT",
        "FULL, UNIDIRECTIONAL, SHARED_ATTENTION",
        "DECODER, UNIDIRECTIONAL, ZERO_CONV",
        "DISCARD, UNIDIRECTIONAL, ZERO_FT"
    })
    void zeroInitialisedVariantsAreTheBackboneAtStepZero(Scope scope, Flow flow, ConnectorKind connector) {
        assertEquals(0.0, deviationAtStepZero(spec(scope, flow, connector)), 1e-5);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource({
        "ENCODER, BIDIRECTIONAL, ZERO_CONV, 1.0",
        "FULL, BIDIRECTIONAL, ZERO_FT, 1.0",
        "FULL, UNIDIRECTIONAL, ZERO_FT, 1.0",
        "DECODER, UNIDIRECTIONAL, ZERO_MLP, 1.0",
        "DISCARD, UNIDIRECTIONAL, ZERO_FT, 1.0",
        "DECODER, BIDIRECTIONAL, ZERO_CONV, 0.5"
    })
    void longSkipsKeepEveryZeroInitialisedVariantTheBackboneAtStepZero(Scope scope, Flow flow,
            ConnectorKind connector, double width) {
        // a decoder copy's skips come from the backbone's blocks it did not copy; a full copy's from its own
        AdapterSpec spec = new AdapterSpec(flow == Flow.BIDIRECTIONAL ? Method.CONTROLNET : Method.UNICON, scope,
                flow, width, 1, connector);
        assertEquals(0.0, deviationAtStepZero(spec, SKIPS), 1e-5);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource({
        "FULL, BIDIRECTIONAL, ZERO_FT, 1.0",
        "FULL, UNIDIRECTIONAL, ZERO_FT, 1.0",
        "DECODER, BIDIRECTIONAL, ZERO_CONV, 0.5"
    })
    void theConvolutionalMlpKeepsZeroInitialisedVariantsTheBackboneAtStepZero(Scope scope, Flow flow,
            ConnectorKind connector, double width) {
        AdapterSpec spec = new AdapterSpec(flow == Flow.BIDIRECTIONAL ? Method.CONTROLNET : Method.UNICON, scope,
                flow, width, 1, connector);
        assertEquals(0.0, deviationAtStepZero(spec, CONV_MLP), 1e-5);
    }

    @Test
    void skipLayerUniconIsNotTheBackboneAtStepZero() {
        // it runs only every other copied block, so it starts as a different network
        assertTrue(deviationAtStepZero(spec(Scope.SKIP_LAYER, Flow.UNIDIRECTIONAL, ConnectorKind.ZERO_FT)) > 1e-3);
    }

    @Test
    void scopesCopyTheirBlocks() {
        assertEquals(java.util.List.of(0, 1), java.util.List.copyOf(Scope.ENCODER.chainBlocks(4)));
        assertEquals(java.util.List.of(2, 3), java.util.List.copyOf(Scope.DECODER.chainBlocks(4)));
        assertEquals(java.util.List.of(0, 2), java.util.List.copyOf(Scope.SKIP_LAYER.chainBlocks(4)));
        assertEquals(java.util.List.of(2, 3), java.util.List.copyOf(Scope.DISCARD.chainBlocks(4)));
        assertEquals(4, Scope.FULL.chainBlocks(4).size());
        try (Backbone backbone = backbone();
                ControlledModel encoder = new ControlledModel(backbone, spec(Scope.ENCODER, Flow.BIDIRECTIONAL,
                        ConnectorKind.ZERO_CONV), 2);
                ControlledModel full = new ControlledModel(backbone, spec(Scope.FULL, Flow.UNIDIRECTIONAL,
                        ConnectorKind.ZERO_CONV), 2);
                ControlledModel discard = new ControlledModel(backbone, spec(Scope.DISCARD, Flow.UNIDIRECTIONAL,
                        ConnectorKind.ZERO_CONV), 2)) {
            assertEquals(java.util.List.of("block0", "block1"), encoder.connectorKeys());
            assertEquals(4, full.connectorKeys().size());
            assertTrue(discard.connectorKeys().isEmpty(), "discard has no backbone decoder to connect to");
            assertTrue(encoder.parameters().get("block1.attn.qkv.weight") != null);
            assertTrue(encoder.parameters().get("block2.attn.qkv.weight") == null, "encoder copies the first half");
            assertTrue(encoder.parameters().get("final.proj.weight") == null, "bidirectional: the backbone's output");
            assertTrue(full.parameters().get("final.proj.weight") != null, "unidirectional: the adapter's output");
        }
    }

    @Test
    void rejectedVariantsSayWhy() {
        try (Backbone backbone = backbone()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ControlledModel(
                    backbone, spec(Scope.ENCODER, Flow.UNIDIRECTIONAL, ConnectorKind.ZERO_FT), 2));
            assertTrue(e.getMessage().contains("encoder-only UniCon does not work"), e.getMessage());
        }
    }

    /** One backward pass: the sum of squared gradients of the adapter's trainable parameters. */
    private static double gradientNorm(AdapterSpec spec, DiTConfig config) {
        return gradients(spec, config).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** One backward pass: the sum of squared gradients of each trainable parameter, by name. */
    private static Map<String, Double> gradients(AdapterSpec spec, DiTConfig config) {
        NoiseSchedule schedule = new NoiseSchedule(1000, 1e-4, 0.02);
        try (Backbone backbone = backbone(config);
                ControlledModel model = new ControlledModel(backbone, spec, 2);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray noise = Fixtures.gaussian(manager, IMAGES, 5);
            NDArray noisy = schedule.addNoise(Fixtures.uniform(manager, IMAGES, 6), noise, new int[] {40, 650});
            NDArray t = manager.create(new float[] {40, 650});
            NDArray condition = Fixtures.uniform(manager, IMAGES, 4);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = NoiseSchedule.loss(model.predictNoise(noisy, t, condition), noise);
                collector.backward(loss);
            }
            Map<String, Double> sums = new TreeMap<>();
            for (ParameterSet.Parameter p : model.trainableParameters()) {
                double sum = 0;
                try (NDArray g = p.array().getGradient()) {
                    for (float v : g.toFloatArray()) {
                        assertTrue(Float.isFinite(v), p.name() + " has a non-finite gradient");
                        sum += (double) v * v;
                    }
                }
                sums.put(p.name(), sum);
            }
            return sums;
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "ENCODER, BIDIRECTIONAL, ZERO_CONV",
        "SKIP_LAYER, BIDIRECTIONAL, ZERO_FT",
        "FULL, BIDIRECTIONAL, ZERO_CONV",
        "FULL, UNIDIRECTIONAL, ZERO_FT",
        "SKIP_LAYER, UNIDIRECTIONAL, ZERO_CONV",
        "DECODER, UNIDIRECTIONAL, SHARED_ATTENTION",
        "DISCARD, UNIDIRECTIONAL, ZERO_FT"
    })
    void theFirstGradientReachesTheAdapter(Scope scope, Flow flow, ConnectorKind connector) {
        assertTrue(gradientNorm(spec(scope, flow, connector), CONFIG) > 0, "no gradient reached the adapter");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FULL", "DECODER"})
    void theUnidirectionalHintGetsTheFirstGradientWithLongSkips(Scope scope) {
        // the condition enters only through hint.zero; in the one-way flow the adapter's own output is
        // the prediction, so the hint's gradient is there from the first step (a bidirectional arm's
        // hint waits for its zero connectors to move)
        Map<String, Double> g = gradients(new AdapterSpec(Method.UNICON, scope, Flow.UNIDIRECTIONAL, 1.0, 1,
                ConnectorKind.ZERO_FT), SKIPS);
        assertTrue(g.get("hint.zero.weight") > 0, "hint.zero.weight: " + g.get("hint.zero.weight"));
    }

    @Test
    void aCopyTrainsTheSkipLayersOfTheBlocksItCopies() {
        Map<String, Double> decoder = gradients(new AdapterSpec(Method.UNICON, Scope.DECODER, Flow.UNIDIRECTIONAL,
                1.0, 1, ConnectorKind.ZERO_FT), SKIPS);
        assertTrue(decoder.get("block3.skip.weight") > 0, "block 3 reads the backbone's block 1 through its skip");
        assertTrue(decoder.get("block4.skip.weight") > 0);
        assertTrue(!decoder.containsKey("block1.skip.weight") && !decoder.containsKey("block2.skip.weight"),
                "only the last two blocks of five end a skip: " + decoder.keySet());
    }
}
