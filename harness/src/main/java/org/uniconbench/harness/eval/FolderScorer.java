package org.uniconbench.harness.eval;

import ai.djl.Device;
import org.uniconbench.baselines.features.RandomConvFeatures;
import org.uniconbench.harness.run.BadInputException;
import org.uniconbench.metrics.FrechetDistance;
import org.uniconbench.metrics.Kid;
import org.uniconbench.metrics.MsSsim;
import org.uniconbench.metrics.CannyEdges;
import org.uniconbench.metrics.EdgeF1;
import org.uniconbench.metrics.GrayImage;
import org.uniconbench.metrics.Png;
import org.uniconbench.metrics.Psnr;
import org.uniconbench.metrics.Ssim;
import org.uniconbench.metrics.Statistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Scores generated PNGs against target PNGs of the same file names: SSIM, MS-SSIM (images of at
 * least {@code MsSsim.minimumSide(5)} pixels) and PSNR (data range 1, images read as [0, 1] luma);
 * edge F1 between the Canny edges of the generated image and the condition's edges (a condition
 * folder of edge maps) or the target's Canny edges, pixelwise and within 2 pixels; and, over the
 * whole folder, the Frechet distance and KID on the harness's fixed random convolutional features
 * (FD-random, KID-random, with N). The classifier proxies need a dataset's labels, so they are
 * computed by {@code unicon run} only.
 */
public final class FolderScorer {

    private FolderScorer() {
    }

    /**
     * Per-image scores and their means.
     *
     * @param rows one map per image (file, ssim, msSsim, psnr, edgeF1, edgeF1@d2)
     * @param means metric name to mean over images
     * @param sets folder-level figures (fdRandom, kidRandom, kidRandomStd, featureN)
     */
    public record Scores(List<Map<String, Object>> rows, Map<String, Double> means, Map<String, Object> sets) {
    }

    /** Tolerance of the second edge F1, in pixels. */
    static final int EDGE_TOLERANCE = 2;

    /**
     * Scores the folders.
     *
     * @param generated folder of generated PNGs
     * @param targets folder of target PNGs with the same file names and sizes
     * @param conditions folder of edge-map PNGs with the same names, or null
     * @param edges edge detector
     * @return the scores
     * @throws BadInputException naming the offending files when the sets or sizes differ
     */
    public static Scores score(Path generated, Path targets, Path conditions, CannyEdges edges) {
        List<String> names = pngNames(generated, "--generated");
        checkSameNames(names, pngNames(targets, "--targets"), "--targets", targets);
        if (conditions != null) {
            checkSameNames(names, pngNames(conditions, "--conditions"), "--conditions", conditions);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> sizeProblems = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<GrayImage> generatedImages = new ArrayList<>();
        List<GrayImage> targetImages = new ArrayList<>();
        for (String name : names) {
            GrayImage g = read(generated.resolve(name));
            GrayImage t = read(targets.resolve(name));
            GrayImage c = conditions == null ? null : read(conditions.resolve(name));
            if (!sameSize(g, t) || (c != null && !sameSize(g, c))) {
                sizeProblems.add(name + " (generated " + g.width() + "x" + g.height() + ", target "
                        + t.width() + "x" + t.height() + (c == null ? "" : ", condition " + c.width() + "x" + c.height()) + ")");
                continue;
            }
            double ssim = Ssim.compute(g, t, 1.0);
            double psnr = Psnr.compute(t, g, 1.0);
            boolean[] truth = c == null ? edges.detect(t) : c.above(0.5f);
            boolean[] predicted = edges.detect(g);
            double f1 = EdgeF1.compute(predicted, truth).f1();
            EdgeF1 tolerant = EdgeF1.withTolerance(predicted, truth, g.width(), EDGE_TOLERANCE);
            boolean multiScale = Math.min(g.width(), g.height()) >= MsSsim.minimumSide(5);
            Double msSsim = multiScale ? MsSsim.compute(g, t, 1.0) : null;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("file", name);
            row.put("ssim", ssim);
            row.put("msSsim", msSsim);
            row.put("psnr", psnr);
            row.put("edgeF1", f1);
            row.put(tolerant.name(), tolerant.f1());
            rows.add(row);
            values.add(new double[] {ssim, Math.min(psnr, 100.0), f1, tolerant.f1(), msSsim == null ? Double.NaN : msSsim});
            generatedImages.add(g);
            targetImages.add(t);
        }
        if (!sizeProblems.isEmpty()) {
            throw new BadInputException("images differ in size; every generated image must match its target "
                    + "(and condition) pixel for pixel:\n  " + String.join("\n  ", sizeProblems));
        }
        Map<String, Double> means = new LinkedHashMap<>();
        means.put("ssim", Statistics.mean(values.stream().mapToDouble(v -> v[0]).toArray()));
        means.put("psnr", Statistics.mean(values.stream().mapToDouble(v -> v[1]).toArray()));
        means.put("edgeF1", Statistics.mean(values.stream().mapToDouble(v -> v[2]).toArray()));
        means.put("edgeF1@d" + EDGE_TOLERANCE, Statistics.mean(values.stream().mapToDouble(v -> v[3]).toArray()));
        if (!Double.isNaN(values.get(0)[4])) {
            means.put("msSsim", Statistics.mean(values.stream().mapToDouble(v -> v[4]).toArray()));
        }
        return new Scores(rows, means, featureDistances(generatedImages, targetImages));
    }

    /** FD-random and KID-random over the folders (N = image count; noisy for small N). */
    private static Map<String, Object> featureDistances(List<GrayImage> generated, List<GrayImage> targets) {
        Map<String, Object> sets = new LinkedHashMap<>();
        int n = generated.size();
        sets.put("featureN", n);
        if (n < 2) {
            sets.put("fdRandom", null);
            sets.put("kidRandom", null);
            sets.put("kidRandomStd", null);
            return sets;
        }
        try (RandomConvFeatures features = new RandomConvFeatures(RandomConvFeatures.DEFAULT_CHANNELS,
                RandomConvFeatures.STANDARD_SEED, Device.cpu())) {
            float[][] a = features.features(generated);
            float[][] b = features.features(targets);
            Kid kid = Kid.compute(a, b, 100, Math.max(2, n / 2), 0x51d_5eedL);
            sets.put("fdRandom", FrechetDistance.compute(a, b).value());
            sets.put("kidRandom", kid.mean());
            sets.put("kidRandomStd", kid.std());
        }
        return sets;
    }

    private static boolean sameSize(GrayImage a, GrayImage b) {
        return a.width() == b.width() && a.height() == b.height();
    }


    private static GrayImage read(Path file) {
        try {
            return Png.read(file);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + " is not a readable PNG: " + e.getMessage());
        }
    }

    private static List<String> pngNames(Path dir, String option) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(option + " " + dir.toAbsolutePath() + " is not a folder");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new BadInputException(option + " " + dir.toAbsolutePath() + " holds no .png files");
            }
            return names;
        } catch (IOException e) {
            throw new BadInputException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static void checkSameNames(List<String> generated, List<String> other, String option, Path dir) {
        TreeSet<String> missing = new TreeSet<>(generated);
        missing.removeAll(other);
        TreeSet<String> extra = new TreeSet<>(other);
        extra.removeAll(generated);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder message = new StringBuilder("the file sets of --generated and " + option + " ("
                    + dir + ") differ; files are paired by name:");
            if (!missing.isEmpty()) {
                message.append("\n  missing from ").append(option).append(": ").append(String.join(", ", missing));
            }
            if (!extra.isEmpty()) {
                message.append("\n  only in ").append(option).append(": ").append(String.join(", ", extra));
            }
            throw new BadInputException(message.toString());
        }
    }
}
