package org.uniconbench.harness.verdict;

import org.junit.jupiter.api.Test;

import java.util.List;
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
    void decidesOnTheMeanOverTheStartingNoisesNotOnTheRowsOneReading() {
        // the row's own reading (5.9) would pass at 3x a floor of 2.0; the mean of its five noises (6.5) does not
        List<Object> draws = List.of(5.9, 6.1, 7.4, 6.3, 6.8);
        Map<String, Object> gate = QualityGate.evaluate(Map.of("fdClassifier", 5.9, "featureN", 128),
                Map.of("fdClassifier", 2.0, "featureN", 128), 3.0, draws);
        assertEquals(false, gate.get("passed"));
        assertEquals(6.5, (Double) gate.get("fdClassifier"), 1e-12);
        assertEquals(5, gate.get("draws"));
        assertEquals(List.of(5.9, 6.1, 7.4, 6.3, 6.8), gate.get("fdClassifierDraws"));
        assertTrue(gate.get("reason").toString().contains("mean of 5 starting noises, 5.90-7.40"),
                gate.get("reason").toString());
        // one draw (a run below the gate's N, or before the draws): the row's reading, no draw fields
        Map<String, Object> one = QualityGate.evaluate(Map.of("fdClassifier", 5.9, "featureN", 128),
                Map.of("fdClassifier", 2.0, "featureN", 128), 3.0, List.of(5.9));
        assertEquals(true, one.get("passed"));
        assertFalse(one.containsKey("draws"));
    }

    @Test
    void theFloorIsTheMeanOfItsDrawsOverDisjointRealSets() {
        // one floor draw (2.0) would fail a backbone at 6.5; the mean of five real sets (2.4) passes it
        Map<String, Object> floor = Map.of("fdClassifier", 2.0, "featureN", 128, "gateDraws",
                List.of(2.0, 2.2, 3.1, 2.5, 2.2));
        Map<String, Object> gate = QualityGate.evaluate(Map.of("fdClassifier", 6.5, "featureN", 128), floor, 3.0,
                null);
        assertEquals(true, gate.get("passed"));
        assertEquals(2.4, (Double) gate.get("floor"), 1e-12);
        assertEquals(List.of(2.0, 2.2, 3.1, 2.5, 2.2), gate.get("floorDraws"));
        assertTrue(gate.get("reason").toString().contains("floor 2.40 (mean of 5 real sets, 2.00-3.10)"),
                gate.get("reason").toString());
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
