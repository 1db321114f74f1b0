package org.uniconbench.harness.tracking;

import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the server holds for one run: its info, params, tags and the latest value of each metric. */
final class RunState {
    final RunInfo info;
    final Map<String, String> params = new LinkedHashMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<String, Double> latest = new LinkedHashMap<>();

    RunState(Run run) {
        this.info = run.getInfo();
        run.getData().getParamsList().forEach(p -> params.put(p.getKey(), p.getValue()));
        run.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
        run.getData().getMetricsList().forEach(m -> latest.put(m.getKey(), m.getValue()));
    }

    RunState(RunInfo info, Map<String, String> tags) {
        this.info = info;
        this.tags.putAll(tags);
    }

    String id() {
        return info.getRunId();
    }
}
