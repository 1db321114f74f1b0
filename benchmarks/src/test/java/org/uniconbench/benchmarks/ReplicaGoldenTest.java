package org.uniconbench.benchmarks;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uniconbench.baselines.control.AdapterSpec;
import org.uniconbench.baselines.control.ControlledModel;
import org.uniconbench.baselines.nn.Autograd;
import org.uniconbench.baselines.nn.ParameterSet;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.baselines.unet.UNetConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java networks are the PyTorch replica's (benchmarks/python/replica_*.py): for every arm of the
 * golden file the replica wrote (replica/golden.txt in the test resources), the same parameter names, roles and shapes in
 * the same order, the same counts, and the same forward output on the same deterministic weights
 * and inputs. torch is not needed here; {@code replica_golden.py --check} proves, where torch is
 * installed, that the replica still writes this file.
 *
 * <p>When a network changes on purpose (a width-slicing rule, a new layer), mirror it in the replica
 * and rewrite the golden file: {@code /work/torch-venv/bin/python benchmarks/python/replica_golden.py}.
 */
class ReplicaGoldenTest {

    /**
     * |java - torch| / (1 + |torch|): float rounding of two op orders through ~20 layers; measured up
     * to 9.4e-5 (unicon-half, whose decoder features reach ~70 on these weights), 4e-5 elsewhere.
     * Real differences are far above it (the negative case below: about 1).
     */
    private static final double TOLERANCE = 3e-4;

    @BeforeAll
    static void oneThread() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            JniUtils.setNumThreads(1); // loads the engine first
        }
    }

    /** One arm of the golden file. */
    private record GoldenArm(String name, String kind, int resolution, int batch, List<String> params,
            long trainable, long frozen, long[] shape, float[] output) {
    }

    private static Map<String, GoldenArm> golden() throws IOException {
        Map<String, GoldenArm> arms = new LinkedHashMap<>();
        try (InputStream in = ReplicaGoldenTest.class.getResourceAsStream("/replica/golden.txt")) {
            assertNotNull(in, "replica/golden.txt is missing from the test resources");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] head = null;
            List<String> params = new ArrayList<>();
            long[] counts = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "arm" -> {
                        head = f;
                        params = new ArrayList<>();
                    }
                    case "param" -> params.add(f[1] + " " + f[2] + " " + f[3]);
                    case "counts" -> counts = new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])};
                    case "output" -> {
                        long[] shape = Arrays.stream(f[1].split(",")).mapToLong(Long::parseLong).toArray();
                        float[] values = new float[f.length - 2];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = Float.parseFloat(f[i + 2]);
                        }
                        arms.put(head[1], new GoldenArm(head[1], head[2], Integer.parseInt(head[3]),
                                Integer.parseInt(head[4]), params, counts[0], counts[1], shape, values));
                    }
                    case "end" -> head = null;
                    default -> throw new IllegalStateException("unknown line in golden file: " + f[0]);
                }
            }
        }
        return arms;
    }

    private static List<String> described(ParameterSet set, String role) {
        return set.all().stream().map(p -> p.name() + " " + role + " "
                + Arrays.stream(p.array().getShape().getShape()).mapToObj(Long::toString)
                        .reduce((a, b) -> a + "," + b).orElse(""))
                .toList();
    }

    @Test
    void everyArmHasTheReplicasParametersAndForwardOutput() throws IOException {
        Map<String, GoldenArm> arms = golden();
        assertEquals(ReplicaArms.NAMES, List.copyOf(arms.keySet()), "the replica's arms, in its order");
        for (GoldenArm arm : arms.values()) {
            AdapterSpec spec = ReplicaArms.spec(arm.name());
            try (Backbone backbone = ReplicaArms.backbone(arm.name(), arm.resolution(), false);
                    ControlledModel model = spec == null ? null : new ControlledModel(backbone, spec, 1);
                    NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                List<String> params = new ArrayList<>(described(backbone.parameters(), "frozen"));
                if (model != null) {
                    params.addAll(described(model.parameters(), "trainable"));
                }
                for (int i = 0; i < Math.max(params.size(), arm.params().size()); i++) {
                    String java = i < params.size() ? params.get(i) : "(none)";
                    String torch = i < arm.params().size() ? arm.params().get(i) : "(none)";
                    assertEquals(torch, java, arm.name() + ": parameter " + i + " differs from the replica's; "
                            + "mirror the change in benchmarks/python and rewrite the golden file");
                }
                assertEquals(arm.trainable(), model == null ? 0 : model.parameters().count(true), arm.name());
                assertEquals(arm.frozen(), backbone.parameters().count(false), arm.name());

                ReplicaWeights.apply(backbone.parameters());
                if (model != null) {
                    ReplicaWeights.apply(model.parameters());
                }
                int n = arm.batch();
                int r = arm.resolution();
                Shape image = new Shape(n, 1, r, r);
                NDArray noisy = manager.create(ReplicaWeights.noisy(n, r), image);
                NDArray t = manager.create(ReplicaWeights.timesteps(n));
                NDArray condition = manager.create(ReplicaWeights.condition(n, r), image);
                float[] out = Autograd.withoutGradient(() -> (model == null ? backbone : model)
                        .predictNoise(noisy, t, condition).toFloatArray());
                assertEquals(arm.output().length, out.length, arm.name());
                double worst = 0;
                for (int i = 0; i < out.length; i++) {
                    worst = Math.max(worst, Math.abs(out[i] - arm.output()[i]) / (1 + Math.abs(arm.output()[i])));
                }
                assertTrue(worst < TOLERANCE, arm.name() + ": output differs from the replica's by " + worst);
                // not vacuous: the output is not the input, and adapters change it (weights are non-zero)
                assertTrue(Arrays.stream(toDouble(arm.output())).map(Math::abs).max().orElse(0) > 0.1, arm.name());
            }
        }
    }

    @Test
    void aGroupingTheParametersCannotShowIsCaughtByTheOutput() throws IOException {
        // negative case: 4 GroupNorm groups instead of 8 leaves every name and shape as they are,
        // so only the forward output can tell; it must differ far beyond the tolerance
        GoldenArm arm = golden().get("unet-backbone");
        try (Backbone backbone = new Backbone(new UNetConfig(List.of(16, 32, 64), 1, 4, 1, true), Device.cpu(), 0,
                false); NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            assertEquals(arm.frozen(), backbone.parameters().count(false));
            ReplicaWeights.apply(backbone.parameters());
            Shape image = new Shape(arm.batch(), 1, arm.resolution(), arm.resolution());
            float[] out = Autograd.withoutGradient(() -> backbone.predictNoise(
                    manager.create(ReplicaWeights.noisy(arm.batch(), arm.resolution()), image),
                    manager.create(ReplicaWeights.timesteps(arm.batch())),
                    manager.create(ReplicaWeights.condition(arm.batch(), arm.resolution()), image)).toFloatArray());
            double worst = 0;
            for (int i = 0; i < out.length; i++) {
                worst = Math.max(worst, Math.abs(out[i] - arm.output()[i]) / (1 + Math.abs(arm.output()[i])));
            }
            assertTrue(worst > 100 * TOLERANCE, "4 groups differ from the golden 8 by only " + worst);
        }
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
