package org.uniconbench.harness.run;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunConsoleTest {

    private static String claims(Object claims) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            RunConsole.claims(out, claims);
        }
        return text.toString();
    }

    @Test
    void aMeasuredClaimNamesItsReadingAndItsIntervalByMethodLevelAndN() {
        Map<String, Object> claim = Map.of("verdict", "not-testable", "claim", "less memory", "reading",
                "a-flow-swapped", "paper", "0.67x", "arm", "unicon-full", "reference", "full-bi", "reason", "the gate",
                "interval",
                Map.of("estimate", 0.774, "low", 0.772, "high", 0.775, "level", 0.95, "method", "paired log-ratio t",
                        "n", 5));
        String line = claims(List.of(claim)).lines().toList().get(1);
        assertEquals("  not-testable  less memory [reading a-flow-swapped]; paper 0.67x; ours 0.774 [0.772, 0.775] "
                + "95% paired log-ratio t, n = 5 (unicon-full / full-bi); the gate", line);
    }

    @Test
    void theGateLineGivesTheGatesOwnReasonWithItsAveragedFloor() {
        StringWriter text = new StringWriter();
        RunConsole.gate(new PrintWriter(text, true), Map.of("qualityGate", Map.of("reason",
                "passed: the backbone's FD-classifier 1.14 (mean of 5 starting noises, 0.918-1.48) is 1.92x the "
                        + "real-vs-real floor 0.596 (mean of 20 real sets, 0.128-2.00) at N = 128 (allowed: 3.0x)")));
        assertEquals("backbone quality gate: passed: the backbone's FD-classifier 1.14 (mean of 5 starting noises, "
                + "0.918-1.48) is 1.92x the real-vs-real floor 0.596 (mean of 20 real sets, 0.128-2.00) at N = 128 "
                + "(allowed: 3.0x)", text.toString().strip());
        StringWriter none = new StringWriter();
        RunConsole.gate(new PrintWriter(none, true), null);
        assertEquals("", none.toString());
    }

    @Test
    void aClaimNoArmPairStoodForHasNoReadingAndSaysNotMeasured() {
        Map<String, Object> claim = new HashMap<>(Map.of("verdict", "not-testable", "claim", "less memory", "paper",
                "0.67x", "reason", "no arm pair"));
        claim.put("reading", null);
        assertEquals("  not-testable  less memory; paper 0.67x; ours not measured; no arm pair",
                claims(List.of(claim)).lines().toList().get(1));
    }

    @Test
    void thePeakMemoryColumnSaysWhetherItCameFromPassesOrFromTheTrainingProcess() {
        Map<String, Object> passed = new HashMap<>(Map.of("name", "a", "peakMemoryBytes", 1L << 20,
                "memoryPassBytes", List.of(1L << 20), "memoryMethod", "CPU: fresh JVM per arm and pass"));
        Map<String, Object> inProcess = new HashMap<>(Map.of("name", "b", "peakMemoryBytes", 1L << 20,
                "memoryMethod", "CPU: peak resident set (VmHWM, reset before training)"));
        Map<String, Object> none = new HashMap<>(Map.of("name", "backbone"));
        assertEquals("fresh-JVM memory passes (median of the passes)",
                RunConsole.memorySource(List.of(none, passed)));
        assertTrue(RunConsole.memorySource(List.of(none, inProcess)).startsWith(
                "measured inside the training process (evaluation.memory_passes: 0): rough"));
        assertNull(RunConsole.memorySource(List.of(none)), "no figure, no line");
    }
}
