package org.uniconbench.harness.verdict;

import org.uniconbench.harness.experiment.BudgetMode;
import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.experiment.IntervalChoice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the run summary says over seeds, added to its header: {@code aggregates} (each
 * arm's metrics), {@code comparisons} (ratios to the reference arm), {@code backbone.qualityGate}
 * ({@link QualityGate}) and {@code claims} ({@link PaperClaims}); intervals as the experiment's
 * {@code evaluation.interval} asks.
 */
public final class SeedStatistics {

    private SeedStatistics() {
    }

    /**
     * Computes the statistics of {@code rows} and puts them into {@code header}.
     *
     * @param e the experiment
     * @param header the summary's header; its {@code realVsReal} is the gate's floor
     * @param rows the run's rows, the uncontrolled backbone's included
     */
    /**
     * Where the run leaves the quality gate's draws: the backbone's FD-classifier per starting noise
     * in the header's {@code backbone} (before this class replaces it), and the floor's per real set
     * in {@code realVsReal} (kept in the summary).
     */
    public static final String GATE_DRAWS = "gateDraws";

    @SuppressWarnings("unchecked")
    public static void put(Experiment e, Map<String, Object> header, List<Map<String, Object>> rows) {
        boolean useT = e.evaluation().interval() == IntervalChoice.T;
        header.put("aggregates", SeedComparisons.aggregates(rows, useT));
        header.put("comparisons", SeedComparisons.comparisons(rows, useT));
        Map<String, Object> backboneRow = rows.stream().filter(r -> "none".equals(r.get("method"))).findFirst()
                .orElse(null);
        Object draws = header.get("backbone") instanceof Map<?, ?> b ? b.get(GATE_DRAWS) : null;
        Map<String, Object> gate = QualityGate.evaluate(backboneRow,
                header.get("realVsReal") instanceof Map<?, ?> floor ? (Map<String, Object>) floor : null,
                e.evaluation().qualityGateMultiple(), draws instanceof List<?> list ? (List<Object>) list : null);
        Map<String, Object> backbone = new LinkedHashMap<>();
        backbone.put("qualityGate", gate);
        header.put("backbone", backbone);
        header.put("claims", PaperClaims.of(rows, new PaperClaims.Context(useT, e.budget().mode() == BudgetMode.MEMORY,
                gate, PaperClaims.ControlMetric.of(e.condition().kind().yamlName()))));
    }
}
