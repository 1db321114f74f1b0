package org.uniconbench.harness.executor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Slurm's command-line tools ({@code sbatch}, {@code squeue}, {@code scontrol}, {@code sacct}, {@code scancel}). */
final class SlurmCli {

    /** What a command printed (standard output and error together) and its exit status. */
    record Output(int exit, String text) {

        boolean ok() {
            return exit == 0;
        }

        /** The output without Slurm's line prefixes, on one line: for messages. */
        String oneLine() {
            return text.strip().replace('\n', ' ');
        }
    }

    private SlurmCli() {
    }

    /** True when {@code tool} is an executable file in a folder of {@code PATH}. */
    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command, waiting at most {@code timeoutSeconds}; a command that hangs longer reads as exit 124. */
    static Output run(List<String> command, long timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[][] bytes = new byte[1][];
            Thread reader = new Thread(() -> {
                try {
                    bytes[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    bytes[0] = new byte[0];
                }
            }, "slurm-cli");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Output(124, String.join(" ", command) + " did not answer within " + timeoutSeconds + " s");
            }
            reader.join(5_000);
            return new Output(process.exitValue(),
                    bytes[0] == null ? "" : new String(bytes[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Output run(String... command) {
        return run(List.of(command), 60);
    }

    /** Slurm's version as {@code sbatch --version} prints it, e.g. {@code slurm-wlm 22.05.8}. */
    static String version() {
        Output out = run("sbatch", "--version");
        return out.ok() ? out.text().strip() : "unknown";
    }
}
