package org.uniconbench.reports;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every section of a run's report reads: the opened run folder, its summary, the per-arm
 * figures (aggregates over seeds where recorded, else the first seed's row) and one colour per arm,
 * so that every chart colours an arm the same way.
 *
 * @param run the opened run folder
 * @param summary its summary, read
 * @param figures one entry per arm
 * @param colors arm name to chart colour
 */
record ReportInput(RunFolder run, RunSummary summary, List<ArmFigures> figures, Map<String, Color> colors) {

    /** Reads what the sections share from an opened run folder. */
    static ReportInput of(RunFolder run) {
        RunSummary s = run.summary();
        List<ArmFigures> figures = ArmFigures.of(s);
        return new ReportInput(run, s, figures, armColors(figures));
    }

    /** Trained arms take the palette in order, the backbone grey. */
    private static Map<String, Color> armColors(List<ArmFigures> figures) {
        Map<String, Color> colors = new LinkedHashMap<>();
        int i = 0;
        for (ArmFigures a : figures) {
            colors.put(a.name(), Charts.armColor(a.isBackbone() ? 0 : i++, a.isBackbone()));
        }
        return colors;
    }
}
