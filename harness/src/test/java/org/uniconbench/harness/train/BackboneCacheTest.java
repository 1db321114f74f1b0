package org.uniconbench.harness.train;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.baselines.data.Datasets;
import org.uniconbench.baselines.nn.Checkpoint;
import org.uniconbench.baselines.train.Trainer;
import org.uniconbench.baselines.unet.Backbone;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.store.RunStore;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backbone cache (experiments/smoke.yaml's 20-step pre-training): a damaged cache file is
 * reported with its path and made again, never loaded; runs that start together pre-train once.
 */
class BackboneCacheTest {

    private static Experiment smoke(Path output) {
        return ExperimentLoader.load(Path.of("..", "experiments", "smoke.yaml")).withOutput(output.toString());
    }

    /** The backbone stage as a run calls it; returns its console and backbone.json's source. */
    private static String[] stage(Experiment e, String runName) throws IOException {
        Device device = Blueprint.device(e);
        Datasets.Splits data = Blueprint.data(e);
        RunStore store = RunStore.create(Path.of(e.output()), runName);
        StringWriter console = new StringWriter();
        try (Backbone b = BackboneStage.frozen(e, device, data.train(), new Trainer(Blueprint.schedule(e)), store,
                new PrintWriter(console, true))) {
            String source = new ObjectMapper().readTree(store.dir().resolve("backbone.json").toFile()).get("source")
                    .asText();
            return new String[] {console.toString(), source};
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated", "bit-flipped", "nan"})
    void aDamagedCachedBackboneIsReportedWithItsPathAndPretrainedAgain(String damage, @TempDir Path dir)
            throws IOException {
        Experiment e = smoke(dir);
        assertEquals("pretrained", stage(e, "first")[1]);
        Path cache = BackboneStage.checkpoint(e);
        byte[] bytes = Files.readAllBytes(cache);
        switch (damage) {
            case "truncated" -> Files.write(cache, Arrays.copyOf(bytes, bytes.length / 2));
            case "bit-flipped" -> {
                bytes[bytes.length / 2] ^= 0x01; // a low bit of some weight: still finite, silently wrong
                Files.write(cache, bytes);
            }
            default -> { // NaN weights written as a valid file: the checksum matches, the values do not pass
                try (Backbone b = Blueprint.backbone(e, Device.cpu(), 0, false)) {
                    Checkpoint.load(cache, b.parameters());
                    var first = b.parameters().all().get(0);
                    float[] v = first.array().toFloatArray();
                    v[0] = Float.NaN;
                    b.parameters().set(first.name(), v);
                    Checkpoint.save(b.parameters(), cache);
                }
            }
        }
        String[] second = stage(e, "second");
        assertTrue(second[0].contains(cache.toAbsolutePath() + " cannot be used"), second[0]);
        assertTrue(second[0].contains("making it again"), second[0]);
        assertEquals("pretrained", second[1], "made again, not loaded");
        assertEquals(Checkpoint.FORMAT_VERSION, Checkpoint.inspect(cache).version());
        String[] third = stage(e, "third");
        assertEquals("cache", third[1], "the rebuilt file is used: " + third[0]);
    }

    @Test
    void twoRunsStartedTogetherPretrainOnceAndTheOtherWaitsForItsFile(@TempDir Path dir) throws Exception {
        Experiment e = smoke(dir);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String[]>> runs = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return stage(e, name);
                }));
            }
            start.countDown();
            List<String> sources = new ArrayList<>();
            for (Future<String[]> f : runs) {
                sources.add(f.get()[1]);
            }
            assertEquals(List.of("cache", "pretrained"), sources.stream().sorted().toList(),
                    "one pre-training, one reuse: " + runs.get(0).get()[0] + runs.get(1).get()[0]);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTruncatedCachedFeatureClassifierIsReportedAndTrainedAgain(@TempDir Path dir) throws IOException {
        Experiment e = smoke(dir);
        Device device = Blueprint.device(e);
        Datasets.Splits data = Blueprint.data(e);
        try (FeatureStage.Extractors first = FeatureStage.prepare(e, device, data, RunStore.create(dir, "a"),
                new PrintWriter(new StringWriter()))) {
            assertEquals("trained", ((java.util.Map<?, ?>) first.record().get("classifier")).get("source"));
        }
        Path cache;
        try (var files = Files.list(dir.resolve(".cache"))) {
            cache = files.filter(f -> f.getFileName().toString().matches("classifier-.*\\.ucb")).findFirst()
                    .orElseThrow();
        }
        Files.write(cache, Arrays.copyOf(Files.readAllBytes(cache), 100));
        StringWriter console = new StringWriter();
        try (FeatureStage.Extractors second = FeatureStage.prepare(e, device, data, RunStore.create(dir, "b"),
                new PrintWriter(console, true))) {
            assertEquals("trained", ((java.util.Map<?, ?>) second.record().get("classifier")).get("source"));
        }
        assertTrue(console.toString().contains(cache.toAbsolutePath() + " cannot be used"), console.toString());
    }
}
