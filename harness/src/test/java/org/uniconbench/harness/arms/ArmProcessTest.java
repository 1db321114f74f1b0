package org.uniconbench.harness.arms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.ExperimentLoader;
import org.uniconbench.harness.experiment.ExperimentWriter;
import org.uniconbench.harness.store.RunStore;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An arm whose process dies without a row becomes a failed row with its cause, kept for a resumed run. */
class ArmProcessTest {

    @Test
    void anArmProcessThatCrashesGivesAFailedRowWithItsCauseAndWritesIt(@TempDir Path dir) {
        // a run folder whose caches are missing: the arm's process cannot load the backbone
        Experiment e = ExperimentLoader.load(Path.of("..", "experiments", "smoke.yaml")).withOutput(dir.toString());
        RunStore store = RunStore.create(dir, e.name());
        store.writeText("experiment.yaml", ExperimentWriter.toYaml(e));
        StringWriter out = new StringWriter();

        Map<String, Object> row = ArmProcess.run(store, e.arm("unicon"), 0, "unicon", new PrintWriter(out));

        assertEquals("failed", row.get("status"));
        String error = (String) row.get("error");
        assertTrue(error.contains("exited with status 1") && error.contains("backbone-"), error);
        assertEquals(row, ArmProcess.finishedRow(store.dir(), "unicon", 0), "written, so a resumed run keeps it");
        assertTrue(out.toString().contains("[unicon] "), "the process's output is forwarded with its label: " + out);
        assertTrue(Files.isRegularFile(store.dir().resolve("arms/unicon/seed-0/console.log")));
    }

    @Test
    void aKilledProcessIsNamedAsSuch() {
        assertTrue(ArmProcess.cause(137).contains("killed"));
        assertTrue(ArmProcess.cause(3).contains("status 3"));
    }
}
