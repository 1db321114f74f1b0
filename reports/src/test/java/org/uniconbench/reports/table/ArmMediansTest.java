package org.uniconbench.reports.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uniconbench.reports.RunFolder;

/** Medians over each arm's seeds, grouped by run and arm through one table of every run's rows. */
class ArmMediansTest {

    private static RunFolder run(Path dir, String arms) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"),
                "{\"experiment\":\"x\",\"status\":\"completed\",\"arms\":[" + arms + "]}");
        return RunFolder.open(dir);
    }

    @Test
    void groupsByRunAndArmEvenWhenTwoRunsShareAFolderNameAndSkipsMissingValues(@TempDir Path tmp)
            throws IOException {
        RunFolder first = run(tmp.resolve("a/run"),
                "{\"name\":\"unicon\",\"seed\":0,\"medianStepMs\":10},"
                        + "{\"name\":\"unicon\",\"seed\":1,\"medianStepMs\":30},"
                        + "{\"name\":\"controlnet\",\"seed\":0,\"medianStepMs\":null}");
        RunFolder second = run(tmp.resolve("b/run"),
                "{\"name\":\"unicon\",\"seed\":0,\"medianStepMs\":5.5,\"peakMemoryBytes\":7},"
                        + "{\"name\":\"unicon\",\"seed\":1,\"medianStepMs\":1},"
                        + "{\"name\":\"unicon\",\"seed\":2,\"medianStepMs\":100}");
        ArmMedians m = ArmMedians.of(List.of(first, second), List.of("medianStepMs", "peakMemoryBytes", "absent"));
        assertEquals(20.0, m.get(0, "unicon", "medianStepMs"), "even count: the mean of the middle two");
        assertEquals(5.5, m.get(1, "unicon", "medianStepMs"), "the second run's rows stay apart from the first's");
        assertNull(m.get(0, "controlnet", "medianStepMs"), "only nulls: no median");
        assertEquals(7.0, m.get(1, "unicon", "peakMemoryBytes"), "a missing cell does not count");
        assertNull(m.get(0, "unicon", "peakMemoryBytes"));
        assertNull(m.get(0, "unicon", "absent"));
    }
}
