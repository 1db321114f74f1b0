package org.uniconbench.harness.executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run folder's record of its Slurm jobs, {@code slurm/jobs.json}: for each arm and seed
 * ({@code ARM/SEED}) the job id ({@code ARRAY_TASK}) and when it was submitted; with Slurm's version.
 * A detached run, {@code unicon status} and {@code unicon run --resume} read it.
 */
final class JobLedger {

    static final String FILE = "slurm/jobs.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, Object> content;

    private JobLedger(Path file, Map<String, Object> content) {
        this.file = file;
        this.content = content;
    }

    /** The run folder's ledger, empty when it has none. */
    @SuppressWarnings("unchecked")
    static JobLedger of(Path runDir) {
        Path file = runDir.resolve(FILE);
        Map<String, Object> content = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                content = JSON.readValue(file.toFile(), LinkedHashMap.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + "; it is the run's record of its Slurm jobs", e);
            }
        }
        content.putIfAbsent("jobs", new LinkedHashMap<String, Object>());
        return new JobLedger(file, content);
    }

    static boolean exists(Path runDir) {
        return Files.isRegularFile(runDir.resolve(FILE));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> jobs() {
        return (Map<String, Map<String, Object>>) content.get("jobs");
    }

    /** The job id of a task, or null. */
    synchronized String jobId(String key) {
        Map<String, Object> job = jobs().get(key);
        return job == null ? null : String.valueOf(job.get("jobId"));
    }

    /** Every task key with its job id, in submission order. */
    synchronized Map<String, String> all() {
        Map<String, String> ids = new LinkedHashMap<>();
        jobs().forEach((k, v) -> ids.put(k, String.valueOf(v.get("jobId"))));
        return ids;
    }

    synchronized void put(String key, String jobId, String script) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("jobId", jobId);
        job.put("submittedAt", Instant.now().toString());
        job.put("script", script);
        jobs().put(key, job);
    }

    synchronized void version(String version) {
        content.put("slurmVersion", version);
    }

    synchronized String version() {
        Object v = content.get("slurmVersion");
        return v == null ? "unknown" : v.toString();
    }

    /** Writes the ledger (whole, by rename, so a reader never sees half a file). */
    synchronized void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("jobs.json.tmp");
            JSON.writeValue(tmp.toFile(), content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
