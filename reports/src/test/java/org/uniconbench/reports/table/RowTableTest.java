package org.uniconbench.reports.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** Summary rows become columns generically: known fields first, types from the values, CSV for pandas. */
class RowTableTest {

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void everyFieldOfAnyRowIsAColumnKnownOnesFirstThenAsFirstSeen() {
        List<Map<String, Object>> rows = List.of(
                row("ssim", 0.5, "seed", 0, "name", "backbone", "method", "none"),
                row("adapterInit", "zero", "name", "unicon", "seed", 1L, "ssim", 0.25f, "method", "unicon"));
        Table t = RowTable.of("summary", rows);
        assertEquals(List.of("name", "method", "seed", "ssim", "adapterInit"), t.columnNames());
        assertEquals(ColumnType.LONG, t.column("seed").type());
        assertEquals(ColumnType.DOUBLE, t.column("ssim").type());
        assertEquals(ColumnType.STRING, t.column("adapterInit").type());
        assertTrue(t.column("adapterInit").isMissing(0), "a field a row lacks is a missing cell");
        assertEquals(2, t.rowCount());
    }

    @Test
    void mixedValuesFallBackToTextAndContainersKeepTheirJson() {
        Table t = RowTable.of("summary", List.of(
                row("name", "a", "x", 1, "passes", List.of(10L, 20L), "ok", true),
                row("name", "b", "x", "n/a", "passes", null, "ok", false)));
        assertEquals(ColumnType.STRING, t.column("x").type());
        assertEquals(ColumnType.BOOLEAN, t.column("ok").type());
        assertEquals("name,x,passes,ok\na,1,\"[10,20]\",true\nb,n/a,,false\n", CsvText.of(t));
    }

    @Test
    void csvPrintsNumbersAsJavaDoesAndLeavesMissingCellsEmpty() {
        Table t = RowTable.of("summary", List.of(
                row("name", "a", "finalLoss", 1.0E-4, "steps", 10, "peakMemoryBytes", 123456789012L, "error", null),
                row("name", "b, with comma", "finalLoss", null, "steps", 20, "peakMemoryBytes", null, "error",
                        "boom")));
        assertEquals("name,error,steps,finalLoss,peakMemoryBytes\n"
                + "a,,10,1.0E-4,123456789012\n"
                + "\"b, with comma\",boom,20,,\n", CsvText.of(t));
    }

    @Test
    void noRowsGiveAnEmptyCsvAndRowsWithoutFieldsNoColumns() {
        assertEquals("", CsvText.of(RowTable.of("summary", List.of())));
        assertEquals("name\na\n", CsvText.of(RowTable.of("summary", List.of(row("name", "a")))));
    }
}
