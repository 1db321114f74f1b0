package org.uniconbench.harness.sweep;

import org.junit.jupiter.api.Test;
import org.uniconbench.harness.experiment.ExperimentException;
import org.uniconbench.harness.BadInputException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sweep files expand into one valid experiment per point of the axes' product, or nothing runs. */
class SweepExpanderTest {

    private static final String BASE = """
            name: grid
            arms:
              - {name: cn, method: controlnet}
              - name: uc
                method: unicon
                adapter: {width: 0.6}
            training: {steps: 10, batch_size: 4}
            """;

    private static List<SweepPoint> expand(String axes) {
        return SweepExpander.expand(BASE + "sweep:\n  axes:\n" + axes, "grid.yaml");
    }

    @Test
    void everyPointOfTheProductIsAnExperimentWithItsValuesInOrder() {
        List<SweepPoint> points = expand("""
                    training.learning_rate: [1e-4, 3.0e-4]
                    arms[1].adapter.width: [0.5, 0.75, 1.0]
                    seeds: [[0, 1], [2, 3]]
                """);
        assertEquals(12, points.size());
        SweepPoint first = points.get(0);
        assertEquals("grid-p0", first.experiment().name());
        assertEquals(1e-4, first.experiment().training().learningRate());
        assertEquals(0.5, first.experiment().arm("uc").adapter().width());
        assertEquals(List.of(0, 1), first.experiment().seeds());
        SweepPoint second = points.get(1); // the last axis varies fastest
        assertEquals(List.of(2, 3), second.experiment().seeds());
        assertEquals(0.5, second.experiment().arm("uc").adapter().width());
        SweepPoint last = points.get(11);
        assertEquals("grid-p11", last.experiment().name());
        assertEquals(3e-4, last.experiment().training().learningRate());
        assertEquals(1.0, last.experiment().arm("uc").adapter().width());
        assertEquals(10, last.experiment().training().steps(), "what no axis names stays as in the file");
        assertEquals(0.6, expand("    training.steps: [20]\n").get(0).experiment().arm("uc").adapter().width());
        assertTrue(last.describe().contains("training.learning_rate=3.0E-4"), last.describe());
    }

    @Test
    void anAxisNamingNoKeyIsBadInputNamingIt() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> expand("    training.learning_rat: [1e-4]\n"));
        assertTrue(e.getMessage().contains("sweep.axes.training.learning_rat names no key"), e.getMessage());
        BadInputException index = assertThrows(BadInputException.class,
                () -> expand("    arms[2].adapter.width: [0.5]\n"));
        assertTrue(
                index.getMessage().contains("sweep.axes.arms[2].adapter.width") && index.getMessage().contains("0..1"),
                index.getMessage());
    }

    @Test
    void anAxisWithoutValuesIsBadInputNamingIt() {
        BadInputException e = assertThrows(BadInputException.class, () -> expand("    training.learning_rate: []\n"));
        assertTrue(e.getMessage().contains("sweep.axes.training.learning_rate must list at least one value"),
                e.getMessage());
    }

    @Test
    void aPointThatIsNotAValidExperimentStopsTheWholeSweepNamingThePoint() {
        ExperimentException e = assertThrows(ExperimentException.class,
                () -> expand("    arms[1].adapter.width: [0.5, 1.5]\n"));
        assertTrue(e.getMessage().contains("sweep point 1: arms[1].adapter.width=1.5")
                && e.getMessage().contains("arms[1].adapter.width"), e.getMessage());
    }

    @Test
    void aFileWithoutASweepBlockSaysWhatOneLooksLike() {
        BadInputException e = assertThrows(BadInputException.class, () -> SweepExpander.expand(BASE, "grid.yaml"));
        assertTrue(e.getMessage().contains("sweep: {axes: {KEY: [VALUES...]}}"), e.getMessage());
    }
}
