package org.uniconbench.harness.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentWriterTest {

    private static Experiment roundTrip(Experiment e) {
        return ExperimentLoader.parse(ExperimentWriter.toYaml(e), "resolved.yaml");
    }

    @Test
    void resolvedYamlRoundTrips() {
        for (String file : List.of("quickstart.yaml", "fashion-downsample.yaml")) {
            Experiment e = ExperimentLoader.load(ExperimentLoaderTest.resource(file));
            assertEquals(e, roundTrip(e), file);
        }
    }

    @Test
    void theGateCurveRoundTrips() {
        Experiment e = ExperimentLoader.parse("""
                name: g
                arms: [{name: a, method: controlnet}]
                dataset: {eval_size: 128}
                evaluation: {samples: 128}
                backbone: {pretrain: {steps: 40, gate_every: 20}}
                """, "g.yaml");
        assertEquals(20, roundTrip(e).backbone().pretrain().gateEvery());
        assertEquals(e, roundTrip(e));
    }

    @Test
    void trickyTextRoundTrips() {
        Experiment e = ExperimentLoader.parse("""
                name: "123"
                description: "yes: it's #1\\nsecond line"
                output: "null"
                dataset: {kind: fashion-mnist, path: "~"}
                backbone: {checkpoint: "true"}
                arms: [{name: "0.5", method: unicon}]
                diffusion: {beta_start: 0.00001, beta_end: 0.5}
                training: {learning_rate: 1, steps: 10000000}
                """, "t.yaml");
        assertEquals("123", e.name());
        assertEquals("null", e.output());
        assertEquals("~", e.dataset().path());
        assertEquals(e, roundTrip(e));
    }

    @Test
    void resolvedYamlHasEveryKeyInSchemaOrder() {
        Experiment e = ExperimentLoader.parse("name: t\narms: [{name: a, method: controlnet}]\n", "t.yaml");
        String yaml = ExperimentWriter.toYaml(e);
        String[] order = {"name:", "description:", "seeds: [0]", "device: auto", "output: runs", "dataset:",
            "kind: shapes",
            "resolution: 32", "train_size: 2048", "eval_size: 16", "condition:", "canny_low: 0.1", "canny_high: 0.2",
            "blur_radius: 2", "backbone:", "channels: [32, 64, 64]", "res_blocks: 1", "groups: 8", "checkpoint: null",
            "pretrain:", "steps: 1500", "batch_size: 32", "learning_rate: 2.0E-4", "ema_decay: 0.0", "gate_every: 0",
            "diffusion:",
            "timesteps: 1000",
            "beta_start: 1.0E-4", "beta_end: 0.02", "arms:", "- name: a", "method: controlnet", "adapter:",
            "width: 1.0",
            "depth: 1", "connector: zero-conv", "training:", "steps: 400", "batch_size: 16", "learning_rate: 1.0E-4",
            "log_every: 10", "evaluation:", "samples: 16", "sampler_steps: 25"};
        int at = 0;
        for (String key : order) {
            int next = yaml.indexOf(key, at);
            assertTrue(next >= 0, () -> "'" + key + "' missing or out of order in:\n" + yaml);
            at = next + key.length();
        }
        assertTrue(!yaml.contains("factor:") && !yaml.contains("path:"), yaml);
        assertTrue(yaml.contains("\n\ndataset:\n"), yaml);
    }

    @Test
    void toMapKeepsNullsAndUsesYamlNames() {
        Experiment e = ExperimentLoader.load(ExperimentLoaderTest.resource("fashion-downsample.yaml"));
        Map<String, Object> map = ExperimentWriter.toMap(e);
        assertEquals("cpu", map.get("device"));
        Map<?, ?> dataset = (Map<?, ?>) map.get("dataset");
        assertEquals("fashion-mnist", dataset.get("kind"));
        assertTrue(dataset.containsKey("path"));
        assertNull(dataset.get("path"));
        assertEquals(Map.of("kind", "downsample", "factor", 8), map.get("condition"));
        List<?> arms = (List<?>) map.get("arms");
        assertEquals("zero-ft", ((Map<?, ?>) ((Map<?, ?>) arms.get(1)).get("adapter")).get("connector"));
    }

    @Test
    void maskAndDepthConditionsWriteOnlyTheirKindAndReadBackEqual() {
        for (String kind : List.of("mask", "depth")) {
            Experiment e = ExperimentLoader.parse(
                    "name: t\ncondition: {kind: " + kind + "}\narms: [{name: c, method: controlnet}]\n",
                    "t.yaml");
            assertEquals(Map.of("kind", kind), ExperimentWriter.toMap(e).get("condition"));
            assertEquals(e, ExperimentLoader.parse(ExperimentWriter.toYaml(e), "again.yaml"));
        }
    }

    @Test
    void extraEntriesCanBePrintedNextToTheExperiment() {
        Experiment e = ExperimentLoader.load(ExperimentLoaderTest.resource("quickstart.yaml"));
        Map<String, Object> map = ExperimentWriter.toMap(e);
        map.put("parameters", Map.of("controlnet", 12345));
        String yaml = ExperimentWriter.toYaml(map, null);
        assertTrue(yaml.contains("parameters:\n  controlnet: 12345"), yaml);
    }
}
