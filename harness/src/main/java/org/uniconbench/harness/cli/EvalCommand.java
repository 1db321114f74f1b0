package org.uniconbench.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.uniconbench.harness.eval.FolderScorer;
import org.uniconbench.metrics.CannyEdges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code unicon eval}: scores folders of PNGs made by any tool. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Score generated images (PNG, JPEG) against targets paired by file name without extension, "
        + "each pair at its own size: SSIM, MS-SSIM (null for images too small for their windows), PSNR, "
        + "edge F1 (pixelwise and within 2 px); FD-random and KID-random with N, on images resized to one "
        + "size when sizes differ; writes scores.csv and scores.json.")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--generated", required = true, paramLabel = "DIR", description = "generated images (PNG or JPEG)")
    Path generated;

    @Option(names = "--targets", required = true, paramLabel = "DIR", description = "target images, same file names")
    Path targets;

    @Option(names = "--conditions", paramLabel = "DIR", description = "edge-map conditions, same file names (edge F1 against them instead of the targets' Canny edges)")
    Path conditions;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "eval", description = "where scores.csv and scores.json go (default: ${DEFAULT-VALUE})")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        EvalOutput.check(out); // a file, or a place that cannot be written: exit 2 before any image is read
        CannyEdges edges = CannyEdges.defaults();
        FolderScorer.Scores scores = FolderScorer.score(generated, targets, conditions, edges);
        Files.createDirectories(out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generated", generated.toAbsolutePath().toString());
        json.put("targets", targets.toAbsolutePath().toString());
        json.put("conditions", conditions == null ? null : conditions.toAbsolutePath().toString());
        json.put("n", scores.rows().size());
        json.put("edgeDetector", edges.toString());
        json.put("means", scores.means());
        json.put("featureSpace", scores.sets());
        json.put("images", scores.rows());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("scores.json").toFile(),
                json);
        List<String> columns = List.copyOf(scores.rows().get(0).keySet());
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Object> row : scores.rows()) {
            csv.append(String.join(",", columns.stream()
                    .map(c -> row.get(c) == null ? "" : String.valueOf(row.get(c))).toList())).append('\n');
        }
        Files.writeString(out.resolve("scores.csv"), csv);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%d images: SSIM %s  PSNR %s dB  edge F1 %s (within 2 px: %s)%n",
                scores.rows().size(), fmt(scores.means().get("ssim"), "%.4f"), fmt(scores.means().get("psnr"), "%.2f"),
                fmt(scores.means().get("edgeF1"), "%.4f"), fmt(scores.means().get("edgeF1@d2"), "%.4f"));
        long noted = scores.rows().stream().filter(r -> r.get("notes") != null).count();
        if (noted > 0) {
            w.println(noted + " image(s) too small for a metric's window (SSIM, MS-SSIM, Canny): null there, "
                    + "the reason in the row's notes");
        }
        if (((Number) scores.sets().getOrDefault("featureImagesResized", 0)).intValue() > 0) {
            w.println("sizes differ across the set: feature distances on images resized to "
                    + scores.sets().get("featureInputSize") + " (bilinear); per-image metrics at each pair's own size");
        }
        w.println("feature-space proxies (not FID), N = " + scores.sets().get("featureN") + ": FD-random "
                + scores.sets().get("fdRandom") + ", KID-random " + scores.sets().get("kidRandom"));
        w.println("scores: " + out.resolve("scores.csv") + ", " + out.resolve("scores.json"));
        return Main.OK;
    }

    private static String fmt(Double value, String format) {
        return value == null ? "-" : String.format(Locale.ROOT, format, value);
    }
}
