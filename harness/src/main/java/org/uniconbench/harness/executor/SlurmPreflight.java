package org.uniconbench.harness.executor;

import org.uniconbench.harness.experiment.Experiment;
import org.uniconbench.harness.BadInputException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The checks before anything is submitted, each bad input (exit 2) with Slurm's own words where it
 * has some: {@code sbatch} is on {@code PATH}; Slurm accepts the executor's settings
 * ({@code sbatch --test-only}: an unknown partition, account or QOS, an impossible memory or gres
 * request); and the output folder is shared with the nodes: a tiny job on the same partition writes a
 * file there, which this process must then read.
 */
public final class SlurmPreflight {

    /** How long the filesystem check's job may take, queue included (a system property, in seconds). */
    private static final long CHECK_SECONDS = Long.getLong("org.uniconbench.slurm.checkSeconds", 600);

    private SlurmPreflight() {
    }

    /**
     * Runs the checks.
     *
     * @param e the experiment (its executor settings and device)
     * @param outputDir the folder that holds (or will hold) the run folder
     * @param source what to name as the settings' origin in messages (the experiment file)
     * @param out progress
     * @throws BadInputException when a check fails
     */
    public static void check(Experiment e, Path outputDir, String source, PrintWriter out) {
        if (!SlurmCli.onPath("sbatch")) {
            throw new BadInputException("executor slurm needs Slurm's sbatch on PATH, and it is not there (PATH="
                    + System.getenv("PATH")
                    + "); run on a machine of the cluster (a login node), start a local one-node "
                    + "Slurm with scripts/slurm-local start, or use --executor local");
        }
        List<String> options = SbatchRequest.options(e.executor(), e.device());
        List<String> test = new ArrayList<>(List.of("sbatch", "--test-only", "--job-name=unicon-check"));
        test.addAll(options);
        test.add("--wrap=true");
        SlurmCli.Output tested = SlurmCli.run(test, 120);
        if (!tested.ok()) {
            throw new BadInputException("Slurm rejects the executor settings of " + source + " " + options + ": "
                    + tested.oneLine() + "; fix executor.partition, account, qos, time_limit, mem, gres or extra_args "
                    + "(sinfo lists the partitions)");
        }
        sharedFilesystem(outputDir.toAbsolutePath().normalize(), options, out);
    }

    private static void sharedFilesystem(Path outputDir, List<String> options, PrintWriter out) {
        Path checks = outputDir.resolve(".slurm-check");
        String token = UUID.randomUUID().toString();
        Path file = checks.resolve(token);
        try {
            Files.createDirectories(checks);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot create " + checks, ex);
        }
        List<String> command = new ArrayList<>(List.of("sbatch", "--wait", "--parsable", "--job-name=unicon-fs-check",
                "--output=/dev/null", "--chdir=/"));
        command.addAll(options);
        command.add("--wrap=echo \"$(hostname)\" > " + SbatchRequest.quote(file.toString()));
        out.println("checking that the nodes share " + outputDir + " (a tiny Slurm job writes a file there)...");
        out.flush();
        SlurmCli.Output ran = SlurmCli.run(command, CHECK_SECONDS);
        try {
            if (ran.exit() == 124) {
                String id = ran.text().strip();
                out.println("warning: the filesystem check's job did not run within " + CHECK_SECONDS
                        + " s (a busy queue); going on without the check");
                if (!id.isEmpty()) {
                    SlurmCli.run("scancel", id);
                }
                return;
            }
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(
                        "the output folder " + outputDir + " is not visible to the Slurm nodes: a job "
                                + "that writes a file there " + (ran.ok() ? "ran, but this machine cannot see the file"
                                        : "failed (Slurm job " + ran.oneLine() + ", exit status " + ran.exit() + ")")
                                + "; put the runs on a filesystem the nodes share (your home or the cluster's shared "
                                + "filesystem, not /tmp): output: in the experiment file, or --output");
            }
            String node = Files.readString(file).strip();
            out.println("the nodes share it (" + node + " wrote the check file)");
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file, ex);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover check file is harmless
            }
        }
    }
}
