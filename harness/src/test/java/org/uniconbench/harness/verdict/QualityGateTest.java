package org.uniconbench.harness.verdict;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityGateTest {

    @Test
    void passesWithinTheMultipleOfTheFloorAtTheSameN() {
        Map<String, Object> gate = QualityGate.evaluate(Map.of("fdClassifier", 5.9, "featureN", 128),
                Map.of("fdClassifier", 2.0, "featureN", 128), 3.0);
        assertEquals(true, gate.get("passed"));
        assertEquals(5.9, gate.get("fdClassifier"));
        assertEquals(2.0, gate.get("floor"));
        assertEquals(128, gate.get("n"));
        assertEquals(3.0, gate.get("multiple"));
        assertTrue(QualityGate.passed(gate));
    }

    @Test
    void failsBeyondTheMultiple() {
        Map<String, Object> gate = QualityGate.evaluate(Map.of("fdClassifier", 6.1, "featureN", 256),
                Map.of("fdClassifier", 2.0, "featureN", 256), 3.0);
        assertEquals(false, gate.get("passed"));
        assertTrue(gate.get("reason").toString().startsWith("failed: the backbone's FD-classifier 6.10 is 3.05x"),
                gate.toString());
    }

    @Test
    void belowTheMinimumNTheGateIsNotEvaluated() {
        Map<String, Object> gate = QualityGate.evaluate(Map.of("fdClassifier", 2.1, "featureN", 16),
                Map.of("fdClassifier", 2.0, "featureN", 16), 3.0);
        assertNull(gate.get("passed"), "a good-looking FD at N = 16 proves nothing");
        assertFalse(QualityGate.passed(gate));
        assertTrue(gate.get("reason").toString().contains("below 128"), gate.toString());
    }

    @Test
    void withoutABackboneRowTheGateIsNotEvaluated() {
        Map<String, Object> gate = QualityGate.evaluate(null, Map.of("fdClassifier", 2.0, "featureN", 128), 3.0);
        assertNull(gate.get("passed"));
        assertTrue(gate.get("reason").toString().startsWith("not evaluated"));
    }
}
