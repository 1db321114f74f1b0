package org.uniconbench.harness.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.Page;
import org.uniconbench.harness.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.uniconbench.harness.tracking.SyncValues.chunks;
import static org.uniconbench.harness.tracking.SyncValues.childName;
import static org.uniconbench.harness.tracking.SyncValues.cut;
import static org.uniconbench.harness.tracking.SyncValues.metric;
import static org.uniconbench.harness.tracking.SyncValues.millis;
import static org.uniconbench.harness.tracking.SyncValues.quote;
import static org.uniconbench.harness.tracking.SyncValues.seed;
import static org.uniconbench.harness.tracking.SyncValues.size;
import static org.uniconbench.harness.tracking.SyncValues.status;
import static org.uniconbench.harness.tracking.SyncValues.text;

/**
 * Mirrors a run folder to an MLflow tracking server, uploading only what the server lacks.
 *
 * <p>Layout on the server: an experiment named after the run's experiment; a parent run per run
 * folder (named after the folder, tagged {@code unicon.run_dir}) with the provenance as tags, the
 * shared configuration as params and {@code report.html}, {@code summary.*}, {@code experiment.yaml},
 * {@code provenance.json} and {@code samples/**} as artifacts; a child run per summary row (arm and
 * seed, named {@code "ARM seed SEED"}) with the flattened configuration and the arm's entry as
 * params, the per-step metric histories of {@code arms/ARM/metrics.jsonl}, every numeric summary
 * field as a final metric and the {@code metrics.jsonl} file as an artifact.
 *
 * <p>Idempotent: runs are found again by their tags (the ids in {@code RUN_DIR/mlflow.json} are a
 * record and a fallback, never trusted alone); a metric key gets only the lines after the points
 * its server history already has; params already there are skipped (MLflow params are
 * immutable); an artifact is uploaded when the server lacks it or holds a different size. Metrics
 * go through {@code log-batch} in batches of at most {@value #MAX_METRICS_PER_BATCH}; artifacts
 * through the server's artifact REST API (see {@link ArtifactApi}).
 */
public final class MlflowSync {

    /** Tag that ties a run to its run folder (the folder's name). */
    public static final String RUN_DIR_TAG = "unicon.run_dir";
    /** Tag saying {@code parent} or {@code child}. */
    public static final String ROLE_TAG = "unicon.role";
    /** Tag of a child run: the arm's name. */
    public static final String ARM_TAG = "unicon.arm";
    /** Tag of a child run: the seed. */
    public static final String SEED_TAG = "unicon.seed";
    /** The file in the run folder that records the ids of the last sync. */
    public static final String LEDGER = "mlflow.json";
    /** MLflow's limit on metrics per {@code log-batch} request. */
    public static final int MAX_METRICS_PER_BATCH = 1000;
    /** The environment variable MLflow's own clients read. */
    public static final String URI_VARIABLE = TrackingTarget.URI_VARIABLE;

    static final int MAX_PARAMS_PER_BATCH = 100; // MLflow's log-batch limits
    static final int MAX_TAGS_PER_BATCH = 100;
    static final int MAX_PARAM_LENGTH = 6000; // MLflow 2.x; longer values are cut and reported
    static final int MAX_TAG_LENGTH = 5000; // below MLflow 2.x's 8000

    /** Provenance field to tag, set on the parent and on every child. */
    private static final Map<String, String> PROVENANCE_TAGS = Map.of(
            "gitCommit", "mlflow.source.git.commit",
            "gitDirty", "unicon.git_dirty",
            "device", "unicon.device",
            "djlVersion", "unicon.djl_version",
            "libtorchVersion", "unicon.libtorch_version",
            "javaVersion", "unicon.java_version");

    private MlflowSync() {
    }

    /**
     * What one sync did.
     *
     * @param trackingUri the server
     * @param experiment the MLflow experiment's name
     * @param experimentId its id
     * @param experimentCreated whether this sync created it
     * @param parentRunId the parent run
     * @param runs parent and child runs on the server for this folder
     * @param runsCreated how many of them this sync created
     * @param params params uploaded
     * @param tags tags set or changed
     * @param metrics metric points uploaded
     * @param artifacts files uploaded
     * @param artifactBytes their total size
     * @param warnings what the server holds that differs from the folder and was left alone
     */
    public record Report(String trackingUri, String experiment, String experimentId, boolean experimentCreated,
            String parentRunId,
            int runs, int runsCreated, int params, int tags, int metrics, int artifacts, long artifactBytes,
            List<String> warnings) {

        /** Whether this sync uploaded nothing at all. */
        public boolean nothingUploaded() {
            return !experimentCreated && runsCreated == 0 && params == 0 && tags == 0 && metrics == 0
                    && artifacts == 0;
        }

        /** One line for the console. */
        public String describe() {
            return String.format(Locale.ROOT,
                    "MLflow %s: experiment '%s' (id %s%s), %d runs (%d created); uploaded %d params, "
                            + "%d tags, %d metric points, %d artifacts (%.1f KiB)",
                    trackingUri, experiment, experimentId,
                    experimentCreated ? ", created" : "", runs, runsCreated, params, tags, metrics, artifacts,
                    artifactBytes / 1024.0);
        }
    }

    /**
     * Uploads whatever the server lacks of a run folder.
     *
     * @param runDir a run folder (with its summary)
     * @param target the tracking server and the credentials to use
     * @return what was uploaded
     * @throws TrackingUnavailableException when the server cannot be reached (before or during the sync)
     * @throws TrackingAuthException when the server wants (other) credentials or permissions
     * @throws TrackingException when the server refuses a request
     * @throws BadInputException when the folder is not a run folder
     */
    public static Report sync(Path runDir, TrackingTarget target) {
        RunFolder folder = RunFolder.read(runDir);
        ArtifactApi artifacts = new ArtifactApi(target);
        artifacts.checkHealth();
        try (MlflowClient client = MlflowClients.create(target)) {
            return new Session(folder, target.uri(), client, artifacts).run();
        } catch (MlflowClientException e) {
            throw translate(e, target);
        }
    }

    /**
     * Uploads whatever a server without authentication lacks of a run folder.
     *
     * @param runDir a run folder (with its summary)
     * @param trackingUri an MLflow tracking server, {@code http(s)://host:port}
     * @return what was uploaded
     * @throws BadInputException when the folder is not a run folder or the URI is not http(s)
     */
    public static Report sync(Path runDir, String trackingUri) {
        return sync(runDir, TrackingTarget.of(trackingUri));
    }

    static TrackingException translate(MlflowClientException e, TrackingTarget target) {
        String uri = target.uri();
        if (e instanceof MlflowHttpException http) {
            if (http.getStatusCode() == 401 || http.getStatusCode() == 403) {
                return new TrackingAuthException(target, http.getStatusCode(), "serve a tracking request", e);
            }
            return new TrackingException("MLflow server " + uri + " refused a request: HTTP " + http.getStatusCode()
                    + " " + http.getBodyMessage(), e);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return new TrackingUnavailableException(uri, e);
            }
        }
        return new TrackingException("MLflow client failed talking to " + uri + ": " + e.getMessage(), e);
    }

    /** One sync of one folder: counters and the calls, in order. */
    private static final class Session {
        private final RunFolder folder;
        private final String uri;
        private final MlflowClient client;
        private final ArtifactApi artifacts;
        private final List<String> warnings = new ArrayList<>();
        private int runsCreated;
        private int params;
        private int tags;
        private int metrics;
        private int files;
        private long bytes;

        Session(RunFolder folder, String uri, MlflowClient client, ArtifactApi artifacts) {
            this.folder = folder;
            this.uri = uri;
            this.client = client;
            this.artifacts = artifacts;
        }

        Report run() {
            boolean[] created = new boolean[1];
            String experimentId = experiment(created);
            Map<String, String> ledger = SyncLedger.read(folder.dir, uri, experimentId, warnings);

            // find the folder's runs again by tag; the ledger's ids only fill gaps
            RunState parent = null;
            Map<String, RunState> children = new LinkedHashMap<>();
            for (RunState r : search(experimentId, "tags.`" + RUN_DIR_TAG + "` = " + quote(folder.name))) {
                if ("parent".equals(r.tags.get(ROLE_TAG))) {
                    if (parent != null) {
                        warnings.add("two parent runs for " + folder.name + " (" + parent.id() + ", " + r.id()
                                + "); using the first");
                    } else {
                        parent = r;
                    }
                } else if ("child".equals(r.tags.get(ROLE_TAG))) {
                    children.putIfAbsent(childName(r.tags.get(ARM_TAG), r.tags.get(SEED_TAG)), r);
                }
            }
            if (parent == null) {
                parent = fromLedger(ledger.get("parent"), experimentId);
            }
            Map<String, String> parentTags = new LinkedHashMap<>(provenanceTags());
            parentTags.put(RUN_DIR_TAG, folder.name);
            parentTags.put(ROLE_TAG, "parent");
            parentTags.put("unicon.status", folder.status);
            if (parent == null) {
                parent = create(experimentId, folder.name, parentTags);
            }
            Map<String, String> shared = folder.sharedParams();
            reconcile(parent, parentTags, shared, List.of(), status(folder.status));
            upload(parent, folder.parentArtifacts());

            Map<String, String> childIds = new LinkedHashMap<>();
            for (Map<String, Object> row : folder.rows) {
                String arm = String.valueOf(row.get("name"));
                long seed = seed(row);
                String name = childName(arm, String.valueOf(seed));
                RunState child = children.get(name);
                if (child == null) {
                    child = fromLedger(ledger.get(name), experimentId);
                }
                Map<String, String> childTags = new LinkedHashMap<>(provenanceTags());
                childTags.put("mlflow.parentRunId", parent.id());
                childTags.put(RUN_DIR_TAG, folder.name);
                childTags.put(ROLE_TAG, "child");
                childTags.put(ARM_TAG, arm);
                childTags.put(SEED_TAG, String.valueOf(seed));
                childTags.put("unicon.method", text(row, "method"));
                childTags.put("unicon.status", text(row, "status"));
                if (row.get("error") != null) {
                    childTags.put("unicon.error", String.valueOf(row.get("error")));
                }
                if (child == null) {
                    child = create(experimentId, name, childTags);
                }
                reconcile(child, childTags, childParams(shared, row), metrics(child, row), status(text(row, "status")));
                Path log = folder.metricsFile(arm);
                if (Files.isRegularFile(log)) {
                    upload(child, Map.of("metrics.jsonl", log));
                }
                childIds.put(name, child.id());
            }
            SyncLedger.write(folder.dir, uri, folder.experiment, experimentId, parent.id(), childIds, warnings);
            return new Report(uri, folder.experiment, experimentId, created[0], parent.id(), 1 + childIds.size(),
                    runsCreated, params,
                    tags, metrics, files, bytes, List.copyOf(warnings));
        }

        private String experiment(boolean[] created) {
            Experiment existing = client.getExperimentByName(folder.experiment).orElse(null);
            if (existing == null) {
                try {
                    created[0] = true;
                    return client.createExperiment(folder.experiment);
                } catch (MlflowHttpException e) {
                    // created meanwhile by another sync: use that one
                    created[0] = false;
                    existing = client.getExperimentByName(folder.experiment).orElseThrow(() -> e);
                }
            }
            if (!"active".equals(existing.getLifecycleStage())) {
                throw new TrackingException("MLflow experiment '" + folder.experiment + "' (id "
                        + existing.getExperimentId() + ") is deleted on " + uri + "; restore it (`mlflow experiments "
                        + "restore --experiment-id " + existing.getExperimentId() + "`) or delete it for good "
                        + "(`mlflow gc`), then sync again", null);
            }
            return existing.getExperimentId();
        }

        private List<RunState> search(String experimentId, String filter) {
            List<RunState> runs = new ArrayList<>();
            Page<Run> page = client.searchRuns(List.of(experimentId), filter, ViewType.ACTIVE_ONLY, 1000);
            while (true) {
                for (Run r : page.getItems()) {
                    runs.add(new RunState(r));
                }
                if (!page.hasNextPage()) {
                    return runs;
                }
                page = page.getNextPage();
            }
        }

        /** A run id from {@code mlflow.json}, if the server still has it, active, in this experiment. */
        private RunState fromLedger(String runId, String experimentId) {
            if (runId == null) {
                return null;
            }
            try {
                Run run = client.getRun(runId);
                return "active".equals(run.getInfo().getLifecycleStage())
                        && experimentId.equals(run.getInfo().getExperimentId()) ? new RunState(run) : null;
            } catch (MlflowHttpException e) {
                return null; // stale file: the run is gone (another server, or deleted)
            }
        }

        private RunState create(String experimentId, String name, Map<String, String> runTags) {
            CreateRun.Builder request = CreateRun.newBuilder().setExperimentId(experimentId).setRunName(name)
                    .setStartTime(millis(folder.provenance.get("startedAt")));
            runTags.forEach((k, v) -> request.addTags(RunTag.newBuilder().setKey(k).setValue(cut(v, MAX_TAG_LENGTH))));
            RunInfo info = client.createRun(request.build());
            runsCreated++;
            tags += runTags.size();
            Map<String, String> stored = new LinkedHashMap<>(runTags);
            stored.put("mlflow.runName", name);
            return new RunState(info, stored);
        }

        /** Sets changed tags, adds missing params, logs the given metrics, then the status. */
        private void reconcile(RunState run, Map<String, String> wantTags, Map<String, String> wantParams,
                List<Metric> newMetrics, RunStatus status) {
            List<RunTag> tagBatch = new ArrayList<>();
            wantTags.forEach((k, v) -> {
                String value = cut(v, MAX_TAG_LENGTH);
                if (!value.equals(run.tags.get(k))) {
                    tagBatch.add(RunTag.newBuilder().setKey(k).setValue(value).build());
                }
            });
            List<Param> paramBatch = new ArrayList<>();
            wantParams.forEach((k, v) -> {
                String value = v;
                if (value.length() > MAX_PARAM_LENGTH) {
                    warnings.add("param " + k + " of run " + run.id() + " cut to " + MAX_PARAM_LENGTH + " characters");
                    value = value.substring(0, MAX_PARAM_LENGTH);
                }
                String stored = run.params.get(k);
                if (stored == null) {
                    paramBatch.add(Param.newBuilder().setKey(k).setValue(value).build());
                } else if (!stored.equals(value)) {
                    warnings.add("param " + k + " of run " + run.id() + " is '" + stored + "' on the server and '"
                            + value + "' in the run folder; MLflow params cannot change, left as is");
                }
            });
            for (List<RunTag> chunk : chunks(tagBatch, MAX_TAGS_PER_BATCH)) {
                client.logBatch(run.id(), List.of(), List.of(), chunk);
            }
            for (List<Param> chunk : chunks(paramBatch, MAX_PARAMS_PER_BATCH)) {
                client.logBatch(run.id(), List.of(), chunk, List.of());
            }
            for (List<Metric> chunk : chunks(newMetrics, MAX_METRICS_PER_BATCH)) {
                client.logBatch(run.id(), chunk, List.of(), List.of());
            }
            tags += tagBatch.size();
            params += paramBatch.size();
            metrics += newMetrics.size();
            if (status != RunStatus.RUNNING && run.info.getStatus() != status) {
                client.setTerminated(run.id(), status, millis(folder.provenance.get("finishedAt")));
            }
        }

        /**
         * The child's metric points the server lacks: for each step key, the lines after the points
         * its history already holds; then every numeric summary field whose latest value differs.
         */
        private List<Metric> metrics(RunState child, Map<String, Object> row) {
            String arm = String.valueOf(row.get("name"));
            List<JsonNode> lines = folder.stepLines(arm, seed(row));
            long now = System.currentTimeMillis();
            List<Metric> out = new ArrayList<>();
            for (String key : RunFolder.STEP_KEYS) {
                List<Metric> local = new ArrayList<>();
                for (JsonNode line : lines) {
                    Double value = RunFolder.number(line.get(key));
                    if (value != null) {
                        local.add(metric(key, value, line.get("step").asLong(), now));
                    }
                }
                int stored = child.latest.containsKey(key) ? client.getMetricHistory(child.id(), key).size() : 0;
                if (stored > local.size()) {
                    warnings.add("run " + child.id() + " has " + stored + " points of " + key + " on the server but "
                            + local.size() + " in " + folder.metricsFile(arm) + "; left alone");
                }
                out.addAll(local.subList(Math.min(stored, local.size()), local.size()));
            }
            for (Map.Entry<String, Object> field : row.entrySet()) {
                if (!(field.getValue() instanceof Number number) || RunFolder.STEP_KEYS.contains(field.getKey())) {
                    continue;
                }
                double value = number.doubleValue();
                Double latest = child.latest.get(field.getKey());
                if (latest == null || Double.doubleToLongBits(latest) != Double.doubleToLongBits(value)) {
                    out.add(metric(field.getKey(), value, 0, now));
                }
            }
            return out;
        }

        private Map<String, String> childParams(Map<String, String> shared, Map<String, Object> row) {
            Map<String, String> p = new LinkedHashMap<>(shared);
            String arm = String.valueOf(row.get("name"));
            p.put("arm.name", arm);
            p.put("arm.method", text(row, "method"));
            p.putAll(folder.armParams(arm));
            if (row.containsKey("adapterChannels")) {
                p.put("arm.adapter.channels", RunFolder.text(row.get("adapterChannels")));
            }
            p.put("seed", String.valueOf(seed(row)));
            return p;
        }

        private void upload(RunState run, Map<String, Path> local) {
            Map<String, Long> stored = artifacts.listFiles(run.id());
            for (Map.Entry<String, Path> f : local.entrySet()) {
                long size = size(f.getValue());
                Long remote = stored.get(f.getKey());
                if (remote == null || remote != size) {
                    artifacts.upload(run.id(), run.info.getArtifactUri(), f.getKey(), f.getValue());
                    files++;
                    bytes += size;
                }
            }
        }

        private Map<String, String> provenanceTags() {
            Map<String, String> t = new LinkedHashMap<>();
            PROVENANCE_TAGS.forEach((field, tag) -> {
                String v = folder.provenance.get(field);
                if (v != null) {
                    t.put(tag, v);
                }
            });
            return t;
        }
    }
}
