package org.uniconbench.harness.run;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void aClaimNoArmPairStoodForHasNoReadingAndSaysNotMeasured() {
        Map<String, Object> claim = new HashMap<>(Map.of("verdict", "not-testable", "claim", "less memory", "paper",
                "0.67x", "reason", "no arm pair"));
        claim.put("reading", null);
        assertEquals("  not-testable  less memory; paper 0.67x; ours not measured; no arm pair",
                claims(List.of(claim)).lines().toList().get(1));
    }
}
