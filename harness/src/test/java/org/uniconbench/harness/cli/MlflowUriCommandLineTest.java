package org.uniconbench.harness.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tracking URI or credential variable that cannot work is bad input: exit 2 and one message,
 * before any run folder exists (issue 13, item 5: {@code --mlflow localhost:5000} used to start the
 * run and complain three times).
 */
class MlflowUriCommandLineTest {

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void aMalformedMlflowOptionStopsTheRunBeforeAnyFolderExists(@TempDir Path tmp) {
        Path output = tmp.resolve("runs");
        for (String uri : new String[] {"localhost:5000", "file:///tmp/mlruns", "databricks", "http://"}) {
            CommandLineTest.Invocation v = CommandLineTest.unicon("run", CommandLineTest.SMOKE.toString(), "--output",
                    output.toString(), "--mlflow", uri);
            assertEquals(Main.BAD_INPUT, v.code(), uri + ": " + v.out() + v.err());
            assertEquals(1, count(v.err(), "MLflow tracking URI '" + uri + "'"), "one message: " + v.err());
            assertTrue(v.err().contains("http(s)://HOST:PORT") || v.err().contains("write http://"),
                    "says what is supported: " + v.err());
            assertFalse(v.err().contains("Exception") || v.out().contains("run folder"), v.out() + v.err());
            assertFalse(Files.exists(output), "no run folder for " + uri);
        }
        CommandLineTest.Invocation hint = CommandLineTest.unicon("run", CommandLineTest.SMOKE.toString(), "--output",
                output.toString(), "--mlflow", "localhost:5000");
        assertTrue(hint.err().contains("write http://localhost:5000"), hint.err());
    }

    @Test
    void syncAndResumeRefuseAMalformedUriBeforeReadingTheFolder(@TempDir Path tmp) {
        CommandLineTest.Invocation sync = CommandLineTest.unicon("sync", tmp.toString(), "--mlflow", "localhost:5000");
        assertEquals(Main.BAD_INPUT, sync.code(), sync.err());
        assertTrue(sync.err().contains("MLflow tracking URI 'localhost:5000'"), sync.err());
        CommandLineTest.Invocation resume = CommandLineTest.unicon("run", "--resume", tmp.toString(), "--mlflow",
                "databricks");
        assertEquals(Main.BAD_INPUT, resume.code(), resume.err());
        assertTrue(resume.err().contains("Databricks"), resume.err());
        assertFalse(resume.out().contains("resuming"), resume.out());
    }

    @Test
    void aMalformedEnvironmentVariableIsNamedAndStopsTheRun(@TempDir Path tmp)
            throws IOException, InterruptedException {
        Path output = tmp.resolve("runs");
        ProcessBuilder uri = ResumeTest.unicon("run", CommandLineTest.SMOKE.toString(), "--output", output.toString());
        uri.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_"));
        uri.environment().put("MLFLOW_TRACKING_URI", "127.0.0.1:5000");
        String text = run(uri, Main.BAD_INPUT);
        assertEquals(1, count(text, "MLFLOW_TRACKING_URI: MLflow tracking URI '127.0.0.1:5000' has no scheme"), text);

        ProcessBuilder half = ResumeTest.unicon("run", CommandLineTest.SMOKE.toString(), "--output", output.toString(),
                "--mlflow", "http://127.0.0.1:9");
        half.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_"));
        half.environment().put("MLFLOW_TRACKING_PASSWORD", "pw-only-4711");
        String halfText = run(half, Main.BAD_INPUT);
        assertTrue(halfText.contains("MLFLOW_TRACKING_USERNAME is not"), halfText);
        assertFalse(halfText.contains("pw-only-4711"), halfText);
        assertFalse(Files.exists(output), "no run folder");
    }

    private static String run(ProcessBuilder builder, int expectedCode) throws IOException, InterruptedException {
        Process p = builder.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "ended");
        assertEquals(expectedCode, p.exitValue(), text);
        assertFalse(text.contains("Exception"), text);
        return text;
    }
}
