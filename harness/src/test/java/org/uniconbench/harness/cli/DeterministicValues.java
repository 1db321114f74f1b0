package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deterministic values of a run's summary as written, flattened to {@code path -> JSON text}
 * ({@code arms[1].ssim -> 0.0172...}), read from the raw JSON so that no reader can hide a change.
 *
 * <p>Left out: measurements, which another process on the machine moves (fields in ms or seconds,
 * images per second, memory figures and their spread), and everything computed from them (an
 * aggregate's or a ratio's interval of such a field, a claim's interval when the claim's metric is
 * one). Everything else (losses, fidelity and quality metrics, parameter counts, statuses, the
 * budget, the cost model's estimate, the quality gate, verdicts and reasons) is kept, and so is the
 * set of keys: a field added or removed is a difference too.
 */
final class DeterministicValues {

    private DeterministicValues() {
    }

    /** Whether a summary key names a measurement (time or memory) rather than a deterministic value. */
    static boolean isMeasurement(String key) {
        return key.endsWith("Ms") || key.endsWith("Seconds") || key.equals("imagesPerSecond")
                || key.equals("peakMemoryBytes") || key.equals("inProcessPeakMemoryBytes")
                || key.equals("memoryPassBytes") || key.equals("memoryPassSpread");
    }

    /**
     * Flattens a summary.
     *
     * @param summary the parsed summary.json
     * @return every deterministic leaf by its JSON path, in file order
     */
    static Map<String, String> of(JsonNode summary) {
        Map<String, String> out = new LinkedHashMap<>();
        walk("", summary, out);
        return out;
    }

    /**
     * Lists the differences between two flattened summaries.
     *
     * @param reference the reference's values
     * @param actual this run's values
     * @return one line per path whose value differs or that only one side has
     */
    static List<String> differences(Map<String, String> reference, Map<String, String> actual) {
        Set<String> paths = new LinkedHashSet<>(reference.keySet());
        paths.addAll(actual.keySet());
        List<String> out = new ArrayList<>();
        for (String path : paths) {
            String a = reference.getOrDefault(path, "(absent)");
            String b = actual.getOrDefault(path, "(absent)");
            if (!a.equals(b)) {
                out.add(path + ": reference " + a + ", now " + b);
            }
        }
        return out;
    }

    private static void walk(String path, JsonNode node, Map<String, String> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), out);
            }
        } else if (node.isObject()) {
            boolean measuredClaim = node.has("claim") && node.has("metric")
                    && isMeasurement(node.get("metric").asText());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                String child = path.isEmpty() ? key : path + "." + key;
                if (isMeasurement(key) || measuredClaim && key.equals("interval")) {
                    out.put(child, "(measurement)"); // the key must still be there
                    continue;
                }
                walk(child, e.getValue(), out);
            }
        } else {
            out.put(path, node.toString());
        }
    }
}
